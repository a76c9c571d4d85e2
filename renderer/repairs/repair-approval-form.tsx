import { type FormEvent, useState } from 'react';
import { APPROVAL_CHANNELS, type RepairDetail } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';

type Via = (typeof APPROVAL_CHANNELS)[number];

/** The customer's answer to the estimate: approved or rejected, who answered and how. */
export function RepairApprovalForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const [by, setBy] = useState(order.customer.name);
  const [via, setVia] = useState<Via>('in_person');
  const [note, setNote] = useState('');

  const decide = (decision: 'approved' | 'rejected') => {
    if (by.trim() === '') return;
    void run(() => call('repairs.recordApproval', { orderId: order.id, decision, by, via, note }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide('approved');
  };

  return (
    <form className="repair-form" onSubmit={submit} data-testid="repair-approval-form">
      <h4>{t('repair.approval.title')}</h4>
      <TextField label={t('repair.approval.by')} value={by} onChange={setBy} testId="repair-approval-by" />
      <fieldset className="repair-via">
        <legend>{t('repair.approval.via')}</legend>
        {APPROVAL_CHANNELS.map((channel) => (
          <button
            key={channel}
            type="button"
            className={channel === via ? 'pay-method pay-method-active' : 'pay-method'}
            aria-pressed={channel === via}
            onClick={() => setVia(channel)}
            data-testid={`repair-via-${channel}`}
          >
            {t(`repair.via.${channel}`)}
          </button>
        ))}
      </fieldset>
      <TextField label={t('repair.approval.note')} value={note} onChange={setNote} testId="repair-approval-note" />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={by.trim() === ''} data-testid="repair-approve">
          {t('repair.approval.approve')}
        </button>
        <button
          type="button"
          className="button-danger"
          disabled={by.trim() === ''}
          onClick={() => decide('rejected')}
          data-testid="repair-reject"
        >
          {t('repair.approval.reject')}
        </button>
      </div>
    </form>
  );
}
