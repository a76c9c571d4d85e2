import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { parsePesos } from '../format/parse-pesos';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';

/** Labor charged on the repair: what was done and its price. */
export function RepairLaborForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [eventId, setEventId] = useState(newId);
  const parsed = parsePesos(amount);
  const invalid = amount.trim() !== '' && (parsed === null || parsed < 1);
  const valid = description.trim() !== '' && parsed !== null && parsed >= 1;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || parsed === null) return;
    const ok = await run(() => call('repairs.addLabor', { orderId: order.id, eventId, description, amount: parsed }));
    if (ok) {
      setDescription('');
      setAmount('');
      setEventId(newId());
    }
  };

  return (
    <form className="repair-form repair-form-inline" onSubmit={(e) => void submit(e)} data-testid="repair-labor-form">
      <h4>{t('repair.labor.title')}</h4>
      <TextField
        label={t('repair.labor.description')}
        value={description}
        onChange={setDescription}
        testId="repair-labor-description"
      />
      <TextField
        label={t('repair.labor.amount')}
        value={amount}
        onChange={setAmount}
        error={invalid ? t('repair.amountInvalid') : undefined}
        inputMode="decimal"
        testId="repair-labor-amount"
      />
      <button type="submit" className="button-primary" disabled={!valid} data-testid="repair-labor-submit">
        {t('repair.labor.add')}
      </button>
    </form>
  );
}
