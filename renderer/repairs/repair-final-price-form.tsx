import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { centavosToInput, parsePesos } from '../format/parse-pesos';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import type { RunRepairAction } from './repair-action';

/** The price charged at delivery when it differs from the estimate (blank: charge the estimate). */
export function RepairFinalPriceForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const mark = useLocaleStore((s) => s.locale) === 'en' ? '.' : ',';
  const [price, setPrice] = useState(order.finalPrice === null ? '' : centavosToInput(order.finalPrice, mark));
  const parsed = price.trim() === '' ? null : parsePesos(price);
  const invalid = price.trim() !== '' && parsed === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    void run(() => call('repairs.setFinalPrice', { orderId: order.id, finalPrice: parsed }));
  };

  return (
    <form className="repair-form repair-form-inline" onSubmit={submit} data-testid="repair-final-price-form">
      <TextField
        label={t('repair.finalPrice')}
        hint={t('repair.finalPrice.hint')}
        value={price}
        onChange={setPrice}
        error={invalid ? t('repair.amountInvalid') : undefined}
        inputMode="decimal"
        testId="repair-final-price-input"
      />
      <button type="submit" className="button-secondary" disabled={invalid} data-testid="repair-final-price-submit">
        {t('repair.finalPrice.save')}
      </button>
    </form>
  );
}
