import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { Failure } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { TextField } from '../components/text-field';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';
import {
  type CorrectionErrors,
  type CorrectionForm,
  correctionRequest,
  correctionStart,
} from './repair-correction.model';
import { DeviceSection } from './repair-device-section';
import type { AccessoryKey } from './repair-intake.model';

interface RepairCorrectDialogProps {
  order: RepairDetail;
  run: RunRepairAction;
  onClose: () => void;
}

/**
 * "Corregir datos del equipo": the intake's device fields with what the order holds now. Only what the clerk
 * changes is sent, so a technician's edit of another field on another terminal is kept; the timeline records each
 * change with its previous value (the unlock code only as "changed").
 */
export function RepairCorrectDialog({ order, run, onClose }: RepairCorrectDialogProps) {
  const t = useT();
  const words = (key: AccessoryKey) => t(`repair.accessory.${key}`);
  const [start] = useState(() => correctionStart(order, words));
  const [form, setForm] = useState<CorrectionForm>(start.form);
  const [errors, setErrors] = useState<CorrectionErrors>({});
  const [busy, setBusy] = useState(false);
  // As on the order's facts: the code is on screen only after "Mostrar", even to the bench that may see it.
  const [showSecret, setShowSecret] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A cashier may replace the code but not read it: the field starts blank and blank keeps it.
  const secretHidden = order.hasUnlockSecret && order.unlockSecret === null;

  const change = (patch: Partial<CorrectionForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = (field: keyof CorrectionForm) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = correctionRequest(form, start, order.id, words);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    const { request } = built;
    if (request === null) {
      onClose();
      return;
    }
    setBusy(true);
    const outcome: { failure?: Failure } = {};
    const saved = await run(async () => {
      const result = await call('repairs.updateIntake', request);
      if (!result.ok) outcome.failure = result;
      return result;
    });
    setBusy(false);
    const refused = outcome.failure;
    if (saved) onClose();
    // Delivered, cancelled or gone meanwhile: the detail shows why, and where the order is now.
    else if (refused?.code === 'CONFLICT' || refused?.code === 'NOT_FOUND') onClose();
    else if (refused) setFailure(errorMessage(t, refused));
  };

  return (
    <Dialog title={t('repair.correct.title', { number: order.number })} onClose={onClose} testId="repair-correct" wide>
      <form className="repair-form repair-correct" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('repair.correct.hint')}</p>
        <DeviceSection
          values={form}
          onChange={change}
          error={err}
          focusModel
          testIds={{
            deviceType: 'repair-correct-device-type',
            brand: 'repair-correct-brand',
            model: 'repair-correct-model',
            imei: 'repair-correct-imei',
            serial: 'repair-correct-serial',
            accessory: 'repair-correct-accessory',
            condition: 'repair-correct-condition',
            fault: 'repair-correct-fault',
          }}
        />
        <div className="field-row repair-correct-unlock-row">
          <TextField
            label={t('repair.unlock')}
            hint={secretHidden ? t('repair.correct.unlockKeep') : t('repair.correct.unlockClear')}
            value={form.unlockSecret}
            onChange={(unlockSecret) => change({ unlockSecret })}
            type={showSecret ? 'text' : 'password'}
            autoComplete="off"
            testId="repair-correct-unlock"
          />
          {form.unlockSecret !== '' && !showSecret ? (
            <button
              type="button"
              className="button-secondary"
              onClick={() => setShowSecret(true)}
              data-testid="repair-correct-unlock-show"
            >
              {t('repair.unlock.show')}
            </button>
          ) : null}
        </div>
        <div className="field-row">
          <TextField
            label={t('repair.promisedAt')}
            type="date"
            value={form.promisedDate}
            onChange={(promisedDate) => change({ promisedDate })}
            error={err('promisedDate')}
            testId="repair-correct-promised-date"
          />
          <TextField
            label={t('repair.promisedTime')}
            type="time"
            value={form.promisedTime}
            onChange={(promisedTime) => change({ promisedTime })}
            testId="repair-correct-promised-time"
          />
        </div>
        {failure ? (
          <p className="form-error" role="alert" data-testid="repair-correct-error">
            {failure}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button-secondary button-large" onClick={onClose}>
            <kbd>Esc</kbd> {t('repair.correct.keep')}
          </button>
          <button
            type="submit"
            className="button-primary button-large"
            disabled={busy}
            data-testid="repair-correct-save"
          >
            {busy ? t('repair.correct.saving') : t('repair.correct.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
