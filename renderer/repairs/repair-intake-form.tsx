import { type FormEvent, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { CustomerPicker } from '../customers/customer-picker';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useSessionStore } from '../session/session.store';
import { RepairDepositMethodFields } from './repair-deposit-method-fields';
import { DeviceSection } from './repair-device-section';
import { EMPTY_INTAKE, type IntakeErrors, type IntakeForm, intakeRequest } from './repair-intake.model';
import { RepairTechnicianSelect } from './repair-technician-select';
import { isBenchRole } from './use-technicians';

interface RepairIntakeFormProps {
  onDone: (order: RepairDetail) => void;
  onCancel: () => void;
}

/**
 * Taking a device in at the counter, by keyboard (Tab through the fields, Enter saves) or touch (large
 * checkboxes). The order id is chosen when the form opens, so pressing "save" again after a lost answer takes
 * nothing in twice.
 */
export function RepairIntakeForm({ onDone, onCancel }: RepairIntakeFormProps) {
  const t = useT();
  const role = useSessionStore((s) => s.session?.user.role);
  const [orderId] = useState(newId);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [picking, setPicking] = useState(false);
  const [form, setForm] = useState<IntakeForm>({ ...EMPTY_INTAKE, customerId: null });
  const [errors, setErrors] = useState<IntakeErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<IntakeForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = (field: keyof IntakeForm) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };

  // A refused reference is cleared as soon as it is dealt with, not left standing until the next save.
  const changeDeposit = (patch: Pick<Partial<IntakeForm>, 'depositMethod' | 'depositReference'>) => {
    change(patch);
    setErrors(({ depositReference: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = intakeRequest(form, orderId, (key) => t(`repair.accessory.${key}`));
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await call('repairs.intake', built.request);
    if (!result.ok) {
      setBusy(false);
      setFailure(errorMessage(t, result));
      return;
    }
    let order = result.value;
    if (form.technicianId && isBenchRole(role)) {
      const assigned = await call('repairs.assign', { orderId: order.id, technicianId: form.technicianId });
      if (assigned.ok) order = assigned.value;
    }
    setBusy(false);
    onDone(order);
  };

  return (
    <>
      <form className="repair-intake card" onSubmit={(e) => void submit(e)} data-testid="repair-intake" noValidate>
        <h2>{t('repair.intake.title')}</h2>
        <div className="field">
          <span className="field-label">{t('repair.customer')}</span>
          <div className="repair-intake-customer">
            <strong data-testid="repair-intake-customer">
              {customer ? customer.name : t('repair.intake.noCustomer')}
            </strong>
            <button
              type="button"
              className="button-secondary button-large"
              onClick={() => setPicking(true)}
              data-testid="repair-intake-pick-customer"
            >
              {customer ? t('repair.intake.changeCustomer') : t('repair.intake.pickCustomer')}
            </button>
          </div>
          {err('customerId') ? <span className="field-error">{err('customerId')}</span> : null}
        </div>
        <DeviceSection
          values={form}
          onChange={change}
          error={err}
          testIds={{
            deviceType: 'repair-device-type',
            brand: 'repair-brand',
            model: 'repair-model',
            imei: 'repair-imei',
            serial: 'repair-serial-input',
            accessory: 'repair-accessory',
            condition: 'repair-condition-input',
            fault: 'repair-fault-input',
          }}
        />
        <TextField
          label={t('repair.unlock')}
          hint={t('repair.unlock.hint')}
          value={form.unlockSecret}
          onChange={(unlockSecret) => change({ unlockSecret })}
          autoComplete="off"
          testId="repair-unlock-input"
        />
        <div className="field-row">
          <div className="field">
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={form.toDiagnose}
                onChange={(e) => change({ toDiagnose: e.target.checked })}
                data-testid="repair-to-diagnose"
              />
              {t('repair.estimate.toDiagnose')}
            </label>
            {!form.toDiagnose ? (
              <TextField
                label={t('repair.estimate')}
                value={form.estimate}
                onChange={(estimate) => change({ estimate })}
                error={err('estimate')}
                inputMode="decimal"
                testId="repair-intake-estimate"
              />
            ) : null}
          </div>
          <TextField
            label={t('repair.deposit')}
            hint={t('repair.deposit.hint')}
            value={form.deposit}
            onChange={(deposit) => change({ deposit })}
            error={err('deposit')}
            inputMode="decimal"
            testId="repair-deposit"
          />
        </div>
        <RepairDepositMethodFields
          method={form.depositMethod}
          reference={form.depositReference}
          referenceError={err('depositReference')}
          onMethodChange={(depositMethod) => changeDeposit({ depositMethod })}
          onReferenceChange={(depositReference) => changeDeposit({ depositReference })}
        />
        <div className="field-row">
          <TextField
            label={t('repair.promisedAt')}
            type="date"
            value={form.promisedDate}
            onChange={(promisedDate) => change({ promisedDate })}
            error={err('promisedDate')}
            testId="repair-promised-date"
          />
          <TextField
            label={t('repair.promisedTime')}
            type="time"
            value={form.promisedTime}
            onChange={(promisedTime) => change({ promisedTime })}
            testId="repair-promised-time"
          />
          {isBenchRole(role) ? (
            <RepairTechnicianSelect
              label={t('repair.technician')}
              emptyLabel={t('repair.noTechnician')}
              value={form.technicianId}
              onChange={(technicianId) => change({ technicianId })}
              testId="repair-intake-technician"
            />
          ) : null}
        </div>
        {failure ? (
          <p className="form-error" role="alert" data-testid="repair-intake-error">
            {failure}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button-secondary button-large" onClick={onCancel}>
            {t('repair.intake.cancel')}
          </button>
          <button
            type="submit"
            className="button-primary button-large"
            disabled={busy}
            data-testid="repair-intake-submit"
          >
            {busy ? t('repair.intake.saving') : t('repair.intake.save')}
          </button>
        </div>
      </form>
      {picking ? (
        <CustomerPicker
          onPick={(picked) => {
            setCustomer(picked);
            change({ customerId: picked.id });
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </>
  );
}
