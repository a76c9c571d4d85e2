import { z } from 'zod';
import { checkBarcode, normalizeScannedCode } from '../barcode';
import { QUANTITY_BOUNDS } from '../money-bounds';
import { IVA_RATES_BP, type IvaRateBp } from '../tax';
import { channel } from './channel';
import { centavos, idSchema, text } from './common.schemas';

export const ivaRateSchema = z
  .int()
  .refine(
    (v): v is IvaRateBp => (IVA_RATES_BP as readonly number[]).includes(v),
    'IVA rate must be 0, 10.5, 21 or 27 %',
  );

/** A barcode as stored: GS1 codes must carry a correct check digit; other codes are plain labels. */
export const barcodeSchema = z
  .string()
  .max(64)
  .transform(normalizeScannedCode)
  .superRefine((code, ctx) => {
    const check = checkBarcode(code);
    if (!check.valid) {
      ctx.addIssue({
        code: 'custom',
        message: check.kind === 'internal' ? 'not a barcode' : `wrong check digit for ${check.kind.toUpperCase()}`,
      });
    }
  });

export const skuSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9\-._]{0,39}$/, 'letters, digits, - . _ (up to 40)');

const productFields = {
  sku: skuSchema,
  name: text(1, 120),
  brand: text(0, 60),
  category: text(0, 60),
  price: centavos('unitPrice'),
  cost: centavos('unitPrice'),
  ivaRateBp: ivaRateSchema,
  minStock: z.int().min(0).max(QUANTITY_BOUNDS.minStock),
  serialTracked: z.boolean(),
  barcodes: z.array(barcodeSchema).max(20),
};

export const productInputSchema = z
  .strictObject(productFields)
  .refine((p) => new Set(p.barcodes).size === p.barcodes.length, {
    message: 'the same barcode appears twice',
    path: ['barcodes'],
  });
export type ProductInput = z.input<typeof productInputSchema>;

export const productUpdateSchema = z.strictObject({
  id: idSchema,
  changes: z.strictObject(productFields).partial(),
});

export const productSummarySchema = z.object({
  id: idSchema,
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  price: z.int(),
  ivaRateBp: z.int(),
  stockOnHand: z.int(),
  archived: z.boolean(),
});
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productSchema = productSummarySchema.extend({
  category: z.string(),
  cost: z.int(),
  minStock: z.int(),
  serialTracked: z.boolean(),
  barcodes: z.array(z.string()),
  rowVersion: z.int(),
});
export type Product = z.infer<typeof productSchema>;

export const STOCK_ADJUSTMENT_REASONS = ['receipt', 'adjustment', 'count'] as const;

const managers = ['admin', 'manager'] as const;

export const catalogContract = {
  'catalog.search': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({
      query: z.string().max(200),
      limit: z.int().min(1).max(200).default(20),
      includeArchived: z.boolean().default(false),
    }),
    response: z.object({ items: z.array(productSummarySchema) }),
  }),
  'catalog.findByBarcode': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ code: z.string().max(64).transform(normalizeScannedCode).pipe(z.string().min(1)) }),
    response: productSummarySchema,
  }),
  'catalog.get': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ id: idSchema }),
    response: productSchema,
  }),
  'catalog.create': channel({ access: managers, mutates: true, request: productInputSchema, response: productSchema }),
  'catalog.update': channel({ access: managers, mutates: true, request: productUpdateSchema, response: productSchema }),
  'catalog.archive': channel({
    access: managers,
    mutates: true,
    request: z.strictObject({ id: idSchema, archived: z.boolean() }),
    response: productSchema,
  }),
  'stock.adjust': channel({
    access: managers,
    mutates: true,
    request: z.strictObject({
      productId: idSchema,
      quantity: z
        .int()
        .min(-QUANTITY_BOUNDS.stockAdjustment)
        .max(QUANTITY_BOUNDS.stockAdjustment)
        .refine((q) => q !== 0, 'quantity cannot be zero'),
      reason: z.enum(STOCK_ADJUSTMENT_REASONS),
      note: text(0, 200).default(''),
    }),
    response: z.object({ productId: idSchema, stockOnHand: z.int() }),
  }),
};
