import { type FormEvent, useState } from 'react';
import type { STOCK_ADJUSTMENT_REASONS } from '../../shared/contract/catalog.contract';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';

type Reason = (typeof STOCK_ADJUSTMENT_REASONS)[number];
// The contract's list, restated so the bundle does not pull zod in for three words; the type keeps them in step.
const REASONS = ['receipt', 'adjustment', 'count'] as const satisfies readonly Reason[];

interface StockAdjustFormProps {
  productId: string;
  onAdjusted: (stockOnHand: number) => void;
}

export function StockAdjustForm({ productId, onAdjusted }: StockAdjustFormProps) {
  const t = useT();
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState<Reason>('receipt');
  const [note, setNote] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const trimmed = quantity.trim().replace(/^\+/, '');
    if (!/^-?\d{1,7}$/.test(trimmed)) {
      setFieldError(t('validation.integer'));
      return;
    }
    const value = Number(trimmed);
    if (value === 0) {
      setFieldError(t('validation.nonZero'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    const result = await call('stock.adjust', { productId, quantity: value, reason, note: note.trim() });
    setBusy(false);
    if (result.ok) {
      setQuantity('');
      setNote('');
      setMessage({ kind: 'ok', text: t('stock.done', { count: result.value.stockOnHand }) });
      onAdjusted(result.value.stockOnHand);
    } else {
      setMessage({ kind: 'error', text: errorMessage(t, result) });
    }
  };

  return (
    <form className="stock-form" onSubmit={(e) => void submit(e)} noValidate data-testid="stock-adjust-form">
      <h3>{t('stock.title')}</h3>
      <div className="field-row">
        <TextField
          label={t('stock.quantity')}
          value={quantity}
          onChange={setQuantity}
          error={fieldError ?? undefined}
          inputMode="numeric"
          testId="stock-quantity"
        />
        <div className="field">
          <label htmlFor="stock-reason">{t('stock.reason')}</label>
          <select
            id="stock-reason"
            value={reason}
            onChange={(e) => setReason(REASONS.find((r) => r === e.target.value) ?? 'receipt')}
            data-testid="stock-reason"
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`stock.reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField label={t('stock.note')} value={note} onChange={setNote} maxLength={200} testId="stock-note" />
      {message ? (
        <p
          className={message.kind === 'ok' ? 'form-ok' : 'form-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="stock-message"
        >
          {message.text}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy} data-testid="stock-submit">
        {t('stock.submit')}
      </button>
    </form>
  );
}
