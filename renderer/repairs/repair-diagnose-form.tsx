import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { TextAreaField } from '../components/text-area-field';
import { TextField } from '../components/text-field';
import { centavosToInput, parsePesos } from '../format/parse-pesos';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import type { RunRepairAction } from './repair-action';

/** The technician's diagnosis and the estimate (blank: no estimate yet), optionally approved up front. */
export function RepairDiagnoseForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const mark = useLocaleStore((s) => s.locale) === 'en' ? '.' : ',';
  const [diagnosis, setDiagnosis] = useState(order.diagnosis);
  const [estimate, setEstimate] = useState(order.estimate === null ? '' : centavosToInput(order.estimate, mark));
  const [preApproved, setPreApproved] = useState(order.estimatePreApproved);
  const parsed = estimate.trim() === '' ? null : parsePesos(estimate);
  const invalid = estimate.trim() !== '' && parsed === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || diagnosis.trim() === '') return;
    void run(() =>
      call('repairs.diagnose', {
        orderId: order.id,
        diagnosis,
        estimate: parsed,
        estimatePreApproved: preApproved && parsed !== null,
      }),
    );
  };

  return (
    <form className="repair-form" onSubmit={submit} data-testid="repair-diagnose-form">
      <h4>{t('repair.diagnose.title')}</h4>
      <TextAreaField
        label={t('repair.diagnosis')}
        rows={3}
        value={diagnosis}
        onChange={setDiagnosis}
        testId="repair-diagnosis-input"
      />
      <TextField
        label={t('repair.estimate')}
        hint={t('repair.estimate.hint')}
        value={estimate}
        onChange={setEstimate}
        error={invalid ? t('repair.amountInvalid') : undefined}
        inputMode="decimal"
        testId="repair-estimate-input"
      />
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={preApproved}
          onChange={(e) => setPreApproved(e.target.checked)}
          data-testid="repair-preapproved-input"
        />
        {t('repair.estimate.preApprovedLabel')}
      </label>
      <button
        type="submit"
        className="button-primary"
        disabled={invalid || diagnosis.trim() === ''}
        data-testid="repair-diagnose-submit"
      >
        {t('repair.diagnose.save')}
      </button>
    </form>
  );
}
