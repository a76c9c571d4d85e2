import { checkBarcode, normalizeScannedCode } from '../../shared/barcode';
import type { Product, ProductInput } from '../../shared/contract/catalog.contract';
import type { ValidationIssue } from '../../shared/errors';
import { isLimitIssue, MONEY_BOUNDS } from '../../shared/money-bounds';
import { type IvaRateBp, isIvaRate } from '../../shared/tax';
import { issuesByField } from '../components/field-issues';
import { centavosToInput, parsePesos } from '../format/parse-pesos';
import type { MessageKey } from '../i18n/i18n';

/** What the form edits: text as typed; converted to the contract's input (centavos, integers) on save. */
export interface ProductFormValues {
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: string;
  cost: string;
  ivaRateBp: IvaRateBp;
  minStock: string;
  serialTracked: boolean;
  barcodes: string[];
}

/** Field path ("sku", "barcodes.1") -> message key. */
export type FormErrors = Record<string, MessageKey>;

const SKU_PATTERN = /^[A-Z0-9][A-Z0-9\-._]{0,39}$/;

export function emptyProductForm(): ProductFormValues {
  return {
    sku: '',
    name: '',
    brand: '',
    category: '',
    price: '',
    cost: '',
    ivaRateBp: 2100,
    minStock: '0',
    serialTracked: false,
    barcodes: [''],
  };
}

export function productToForm(product: Product, decimalMark: ',' | '.'): ProductFormValues {
  return {
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    category: product.category,
    price: centavosToInput(product.price, decimalMark),
    cost: centavosToInput(product.cost, decimalMark),
    ivaRateBp: isIvaRate(product.ivaRateBp) ? product.ivaRateBp : 2100,
    minStock: String(product.minStock),
    serialTracked: product.serialTracked,
    barcodes: product.barcodes.length > 0 ? [...product.barcodes] : [''],
  };
}

/** The live check shown under a barcode field; null while the field is empty or the code is fine. */
export function barcodeError(code: string, others: readonly string[]): MessageKey | null {
  const normalized = normalizeScannedCode(code);
  if (normalized === '') return null;
  const check = checkBarcode(normalized);
  if (!check.valid) return check.kind === 'internal' ? 'validation.barcodeInvalid' : 'validation.barcodeCheckDigit';
  if (others.some((other) => normalizeScannedCode(other) === normalized)) return 'validation.barcodeDuplicate';
  return null;
}

export function formToInput(values: ProductFormValues): { input: ProductInput; errors: null } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const sku = values.sku.trim().toUpperCase();
  if (!SKU_PATTERN.test(sku)) errors.sku = 'validation.sku';
  if (values.name.trim() === '') errors.name = 'validation.required';
  const price = parsePesos(values.price);
  if (price === null) errors.price = 'validation.money';
  else if (price > MONEY_BOUNDS.unitPrice) errors.price = 'validation.amountLimit';
  const cost = values.cost.trim() === '' ? 0 : parsePesos(values.cost);
  if (cost === null) errors.cost = 'validation.money';
  else if (cost > MONEY_BOUNDS.unitPrice) errors.cost = 'validation.amountLimit';
  const minStock = /^\d{1,7}$/.test(values.minStock.trim()) ? Number(values.minStock.trim()) : null;
  if (minStock === null) errors.minStock = 'validation.integer';
  const barcodes: string[] = [];
  values.barcodes.forEach((code, index) => {
    const error = barcodeError(code, values.barcodes.slice(0, index));
    if (error) errors[`barcodes.${index}`] = error;
    const normalized = normalizeScannedCode(code);
    if (normalized !== '') barcodes.push(normalized);
  });
  if (Object.keys(errors).length > 0 || price === null || cost === null || minStock === null) return { errors };
  return {
    errors: null,
    input: {
      sku,
      name: values.name.trim(),
      brand: values.brand.trim(),
      category: values.category.trim(),
      price,
      cost,
      ivaRateBp: values.ivaRateBp,
      minStock,
      serialTracked: values.serialTracked,
      barcodes,
    },
  };
}

const SERVER_FIELD_MESSAGE: Partial<Record<string, MessageKey>> = {
  sku: 'validation.sku',
  name: 'validation.required',
  price: 'validation.money',
  cost: 'validation.money',
  minStock: 'validation.integer',
};

/**
 * The core's VALIDATION issues as form errors. Barcode indexes count only the non-empty fields that were sent,
 * so they are mapped back to the fields on screen.
 */
export function serverIssuesToErrors(
  issues: readonly ValidationIssue[] | undefined,
  values: ProductFormValues,
): FormErrors {
  const errors: FormErrors = {};
  const sentIndexes = values.barcodes.flatMap((code, index) => (normalizeScannedCode(code) === '' ? [] : [index]));
  for (const [path, message] of issuesByField(issues)) {
    const [field, index] = path.replace(/^changes\./, '').split('.');
    if (!field) continue;
    if (field === 'barcodes') {
      const screenIndex = index === undefined ? undefined : sentIndexes[Number(index)];
      errors[screenIndex === undefined ? 'barcodes' : `barcodes.${screenIndex}`] = 'validation.barcodeInvalid';
    } else {
      errors[field] = isLimitIssue({ message })
        ? 'validation.amountLimit'
        : (SERVER_FIELD_MESSAGE[field] ?? 'validation.invalid');
    }
  }
  return errors;
}
