import { type FormEvent, useState } from 'react';
import type { Product } from '../../shared/contract/catalog.contract';
import { IVA_RATES_BP, isIvaRate } from '../../shared/tax';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import { BarcodeFields } from './barcode-fields';
import {
  emptyProductForm,
  type FormErrors,
  formToInput,
  type ProductFormValues,
  productToForm,
  serverIssuesToErrors,
} from './product-form.model';
import { StockAdjustForm } from './stock-adjust-form';

interface ProductFormProps {
  /** null: a new product. */
  product: Product | null;
  /** `announce`: the screen shows "saved" (it outlives this form, which remounts when a new product gets its id). */
  onSaved: (product: Product, announce: boolean) => void;
  onEditStarted: () => void;
}

type TextKey = 'sku' | 'name' | 'brand' | 'category' | 'price' | 'cost' | 'minStock';

export function ProductForm({ product, onSaved, onEditStarted }: ProductFormProps) {
  const t = useT();
  const format = useFormat();
  const decimalMark = useLocaleStore((s) => (s.locale === 'en' ? '.' : ','));
  const [values, setValues] = useState<ProductFormValues>(() =>
    product ? productToForm(product, decimalMark) : emptyProductForm(),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = <K extends keyof ProductFormValues>(key: K, value: ProductFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  };

  const text = (key: TextKey, label: string, extra: { maxLength?: number; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(v) => update(key, v)}
      error={errors[key] ? t(errors[key]) : undefined}
      testId={`product-${key}`}
      {...extra}
    />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    onEditStarted();
    const converted = formToInput(values);
    if (converted.errors) {
      setErrors(converted.errors);
      setMessage(t('validation.fixFields'));
      return;
    }
    setBusy(true);
    const result = product
      ? await call('catalog.update', { id: product.id, changes: converted.input })
      : await call('catalog.create', converted.input);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      onSaved(result.value, true);
      return;
    }
    if (result.code === 'VALIDATION') setErrors(serverIssuesToErrors(result.issues, values));
    setMessage(result.code === 'CONFLICT' ? t('product.conflict') : errorMessage(t, result));
  };

  const toggleArchived = async () => {
    if (!product) return;
    setBusy(true);
    const result = await call('catalog.archive', { id: product.id, archived: !product.archived });
    setBusy(false);
    if (result.ok) onSaved(result.value, false);
    else setMessage(errorMessage(t, result));
  };

  return (
    <div className="product-editor" data-testid="product-editor">
      <form className="product-form" onSubmit={(e) => void save(e)} noValidate data-testid="product-form">
        <h2>{product ? t('product.editTitle', { name: product.name }) : t('product.newTitle')}</h2>
        {product?.archived ? (
          <p className="notice" data-testid="product-archived-note">
            {t('product.archivedNote')}
          </p>
        ) : null}
        {product ? (
          <p className="muted" data-testid="product-stock-on-hand">
            {t('product.stockOnHand', { count: format.integer(product.stockOnHand) })}
          </p>
        ) : null}
        <div className="field-row">
          {text('sku', t('product.sku'), { maxLength: 40 })}
          {text('name', t('product.name'), { maxLength: 120 })}
        </div>
        <div className="field-row">
          {text('brand', t('product.brand'), { maxLength: 60 })}
          {text('category', t('product.category'), { maxLength: 60 })}
        </div>
        <div className="field-row">
          {text('price', t('product.price'), { inputMode: 'decimal' })}
          {text('cost', t('product.cost'), { inputMode: 'decimal' })}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="product-iva">{t('product.ivaRate')}</label>
            <select
              id="product-iva"
              value={values.ivaRateBp}
              onChange={(e) => {
                const rate = Number(e.target.value);
                if (isIvaRate(rate)) update('ivaRateBp', rate);
              }}
              data-testid="product-iva-rate"
            >
              {IVA_RATES_BP.map((rate) => (
                <option key={rate} value={rate}>
                  {t('product.ivaOption', { rate: format.rate(rate) })}
                </option>
              ))}
            </select>
          </div>
          {text('minStock', t('product.minStock'), { inputMode: 'numeric' })}
        </div>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={values.serialTracked}
            onChange={(e) => update('serialTracked', e.target.checked)}
            data-testid="product-serial-tracked"
          />
          {t('product.serialTracked')}
        </label>
        <BarcodeFields barcodes={values.barcodes} serverErrors={errors} onChange={(b) => update('barcodes', b)} />
        {message ? (
          <p className="form-error" role="alert" data-testid="product-error">
            {message}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button-primary button-large" disabled={busy} data-testid="product-save">
            {busy ? t('product.saving') : t('product.save')}
          </button>
          {product ? (
            <button
              type="button"
              className="button-secondary button-large"
              disabled={busy}
              onClick={() => void toggleArchived()}
              data-testid="product-archive"
            >
              {product.archived ? t('product.unarchive') : t('product.archive')}
            </button>
          ) : null}
        </div>
      </form>
      {product ? (
        <StockAdjustForm
          productId={product.id}
          onAdjusted={(stockOnHand) => onSaved({ ...product, stockOnHand }, false)}
        />
      ) : null}
    </div>
  );
}
