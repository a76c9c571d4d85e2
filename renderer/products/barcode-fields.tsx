import { checkBarcode, normalizeScannedCode } from '../../shared/barcode';
import { type MessageKey, useT } from '../i18n/i18n';
import { barcodeError } from './product-form.model';

interface BarcodeFieldsProps {
  barcodes: readonly string[];
  serverErrors: Readonly<Record<string, MessageKey>>;
  onChange: (barcodes: string[]) => void;
}

/** Several barcodes per product, each checked live (GS1 check digit for EAN-13, UPC-A and EAN-8). */
export function BarcodeFields({ barcodes, serverErrors, onChange }: BarcodeFieldsProps) {
  const t = useT();
  const groupError = serverErrors.barcodes;
  return (
    <fieldset className="barcode-fields" data-testid="product-barcodes">
      <legend>{t('product.barcodes')}</legend>
      {barcodes.map((code, index) => {
        const error = barcodeError(code, barcodes.slice(0, index)) ?? serverErrors[`barcodes.${index}`] ?? null;
        const normalized = normalizeScannedCode(code);
        const kind = normalized === '' || error ? null : checkBarcode(normalized).kind;
        const inputId = `barcode-${index}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the fields are positional; a code may be edited to any value
          <div key={index} className="barcode-row">
            <label htmlFor={inputId} className="visually-hidden">
              {t('product.barcodeN', { n: index + 1 })}
            </label>
            <input
              id={inputId}
              value={code}
              inputMode="numeric"
              autoComplete="off"
              maxLength={64}
              onChange={(e) => onChange(barcodes.map((c, i) => (i === index ? e.target.value : c)))}
              aria-invalid={error ? true : undefined}
              data-testid="product-barcode-input"
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                const next = barcodes.filter((_, i) => i !== index);
                onChange(next.length > 0 ? next : ['']);
              }}
              aria-label={t('product.removeBarcode')}
              data-testid="product-barcode-remove"
            >
              ✕
            </button>
            {error ? (
              <span className="field-error" data-testid="product-barcode-error">
                {t(error)}
              </span>
            ) : kind && kind !== 'internal' ? (
              <span className="field-ok">
                {t('product.barcodeOk', { kind: kind.toUpperCase().replace('EAN', 'EAN-').replace('UPCA', 'UPC-A') })}
              </span>
            ) : null}
          </div>
        );
      })}
      {groupError ? <span className="field-error">{t(groupError)}</span> : null}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...barcodes, ''])}
        disabled={barcodes.length >= 20}
        data-testid="product-barcode-add"
      >
        {t('product.addBarcode')}
      </button>
    </fieldset>
  );
}
