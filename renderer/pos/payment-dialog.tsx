import { type KeyboardEvent, useRef, useState } from 'react';
import { cashChange } from '../../shared/sale-totals';
import { Dialog } from '../components/dialog';
import { useFormat } from '../format/format';
import { centavosToInput, parsePesos } from '../format/parse-pesos';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';

interface PaymentDialogProps {
  total: number;
  busy: boolean;
  error: string | null;
  onComplete: (tendered: number) => void;
  onClose: () => void;
}

export function PaymentDialog({ total, busy, error, onComplete, onClose }: PaymentDialogProps) {
  const t = useT();
  const format = useFormat();
  const decimalMark = useLocaleStore((s) => (s.locale === 'en' ? '.' : ','));
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const tendered = parsePesos(text);
  const change = tendered === null ? null : cashChange(total, tendered);
  const canComplete = change !== null && !busy;

  const complete = () => {
    if (canComplete && tendered !== null) onComplete(tendered);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      complete();
    }
  };

  return (
    <Dialog title={t('pay.title')} onClose={busy ? () => undefined : onClose} testId="payment-dialog">
      <div className="pay-total">
        <span>{t('pay.total')}</span>
        <output data-testid="pay-total" data-centavos={total}>
          {format.money(total)}
        </output>
      </div>
      <label className="pay-label" htmlFor="pay-tendered">
        {t('pay.tendered')}
      </label>
      <div className="pay-input-row">
        <input
          ref={inputRef}
          id="pay-tendered"
          className="pay-input"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={text !== '' && tendered === null ? true : undefined}
          autoFocus
          data-testid="tendered-input"
        />
        <button
          type="button"
          className="button-secondary button-large"
          onClick={() => {
            setText(centavosToInput(total, decimalMark));
            inputRef.current?.focus();
          }}
          data-testid="pay-exact"
        >
          {t('pay.exact')}
        </button>
      </div>
      <div className="pay-change">
        <span>{t('pay.change')}</span>
        <output data-testid="change" data-centavos={change ?? ''}>
          {change !== null
            ? format.money(change)
            : tendered !== null
              ? t('pay.short', { amount: format.money(total - tendered) })
              : '—'}
        </output>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="pay-error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button-secondary button-large" onClick={onClose} disabled={busy}>
          <kbd>Esc</kbd> {t('pay.back')}
        </button>
        <button
          type="button"
          className="button-primary button-large"
          disabled={!canComplete}
          onClick={complete}
          data-testid="complete-button"
        >
          <kbd>Enter</kbd> {busy ? t('pay.completing') : t('pay.complete')}
        </button>
      </div>
    </Dialog>
  );
}
