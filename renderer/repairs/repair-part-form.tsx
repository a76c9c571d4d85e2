import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';

/**
 * A part used on the repair, by scanning its barcode (or typing its SKU): the core takes it out of the store's
 * stock. The event id is chosen when the line is started, so a retry after a lost answer books it once.
 */
export function RepairPartForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [eventId, setEventId] = useState(newId);
  const qty = Number(quantity);
  const valid = code.trim() !== '' && Number.isInteger(qty) && qty >= 1 && qty <= 1000;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    const ok = await run(() =>
      call('repairs.addPart', { orderId: order.id, eventId, code: code.trim(), quantity: qty }),
    );
    if (ok) {
      setCode('');
      setQuantity('1');
      setEventId(newId());
    }
  };

  return (
    <form className="repair-form repair-form-inline" onSubmit={(e) => void submit(e)} data-testid="repair-part-form">
      <h4>{t('repair.part.title')}</h4>
      <div className="field">
        <label htmlFor="repair-part-code">{t('repair.part.code')}</label>
        <input
          id="repair-part-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('repair.part.placeholder')}
          autoComplete="off"
          data-testid="repair-part-code"
        />
      </div>
      <div className="field repair-qty-field">
        <label htmlFor="repair-part-qty">{t('repair.part.quantity')}</label>
        <input
          id="repair-part-qty"
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          data-testid="repair-part-qty"
        />
      </div>
      <button type="submit" className="button-primary" disabled={!valid} data-testid="repair-part-submit">
        {t('repair.part.add')}
      </button>
    </form>
  );
}
