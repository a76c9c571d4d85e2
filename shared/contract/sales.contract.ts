import { z } from 'zod';
import { channel } from './channel';
import { centavosSchema, idSchema, isoDateTimeSchema } from './common.schemas';

export const PAYMENT_METHODS = ['cash'] as const;

export const completeSaleRequestSchema = z.strictObject({
  /**
   * Chosen by the terminal when the ticket opens. Completing the same id twice returns the first sale: a retry
   * after a lost response can never sell twice.
   */
  saleId: idSchema,
  lines: z
    .array(
      z.strictObject({
        productId: idSchema,
        quantity: z.int().min(1).max(9_999),
      }),
    )
    .min(1, 'the cart is empty')
    .max(200),
  payment: z.strictObject({ method: z.literal('cash'), tendered: centavosSchema }),
  /** The total the cashier saw. If prices changed since, the sale is refused with CONFLICT, not silently repriced. */
  expectedTotal: centavosSchema.optional(),
});
export type CompleteSaleRequest = z.input<typeof completeSaleRequestSchema>;

export const receiptSchema = z.object({
  id: idSchema,
  number: z.string(),
  createdAt: isoDateTimeSchema,
  storeName: z.string(),
  terminalCode: z.string(),
  cashier: z.object({ id: idSchema, name: z.string() }),
  lines: z.array(
    z.object({
      productId: idSchema,
      sku: z.string(),
      description: z.string(),
      quantity: z.int(),
      unitPrice: z.int(),
      lineTotal: z.int(),
      ivaRateBp: z.int(),
    }),
  ),
  ivaBreakdown: z.array(z.object({ rateBp: z.int(), gross: z.int(), net: z.int(), iva: z.int() })),
  total: z.int(),
  payments: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amount: z.int(), tendered: z.int(), change: z.int() })),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const saleSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  createdAt: isoDateTimeSchema,
  total: z.int(),
  cashierName: z.string(),
  lineCount: z.int(),
});
export type SaleSummary = z.infer<typeof saleSummarySchema>;

const sellers = ['admin', 'manager', 'cashier'] as const;

export const salesContract = {
  'sales.complete': channel({
    access: sellers,
    mutates: true,
    request: completeSaleRequestSchema,
    response: receiptSchema,
  }),
  'sales.get': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ id: idSchema }),
    response: receiptSchema,
  }),
  'sales.recent': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ limit: z.int().min(1).max(100).default(20) }),
    response: z.object({ items: z.array(saleSummarySchema) }),
  }),
};
