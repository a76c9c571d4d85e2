import { z } from 'zod';
import { QUANTITY_BOUNDS } from '../money-bounds';
import { needsReference, PAYMENT_METHODS } from '../sale-payments';
import { channel } from './channel';
import { centavos, idSchema, isoDateTimeSchema, pinSchema, text } from './common.schemas';
import { storeHeaderSchema } from './store.contract';

export { PAYMENT_METHODS };

export const salePaymentSchema = z
  .strictObject({
    method: z.enum(PAYMENT_METHODS),
    /** Centavos. Cash may exceed what remains: the excess is the change (shared/sale-payments.ts). */
    amount: centavos('payment').min(1),
    /** The card voucher or transfer number; required for cards (DOMAIN.md: tarjeta, with reference). */
    reference: text(0, 80)
      .optional()
      .transform((r) => (r ? r : null)),
    /** Cash only: what was handed over, when `amount` is just the part applied to the sale. */
    tendered: centavos('payment').optional(),
  })
  .superRefine((p, ctx) => {
    if (needsReference(p.method) && p.reference === null) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'a card payment needs its reference' });
    }
    if (p.tendered !== undefined && p.method !== 'cash') {
      ctx.addIssue({ code: 'custom', path: ['tendered'], message: 'only cash is tendered' });
    }
    if (p.tendered !== undefined && p.tendered < p.amount) {
      ctx.addIssue({ code: 'custom', path: ['tendered'], message: 'less than the amount' });
    }
  });
export type SalePaymentInput = z.input<typeof salePaymentSchema>;

/**
 * A manager's authorization for a sale that takes a customer over the credit limit (DOMAIN.md: sensitive
 * actions need a manager): the manager (or admin) picks their name and types their PIN on the cashier's screen.
 */
export const managerOverrideSchema = z.strictObject({ managerId: idSchema, pin: pinSchema });
export type ManagerOverride = z.infer<typeof managerOverrideSchema>;

export const completeSaleRequestSchema = z
  .strictObject({
    /**
     * Chosen by the terminal when the ticket opens. Completing the same id twice returns the first sale: a retry
     * after a lost response can never sell twice.
     */
    saleId: idSchema,
    lines: z
      .array(
        z.strictObject({
          productId: idSchema,
          quantity: z.int().min(1).max(QUANTITY_BOUNDS.saleLine),
        }),
      )
      .min(1, 'the cart is empty')
      .max(200),
    /** The first POS's single cash payment: the same as `payments: [{ method: 'cash', amount: tendered }]`. */
    payment: z.strictObject({ method: z.literal('cash'), tendered: centavos('payment') }).optional(),
    /**
     * Several payments (DOMAIN.md, Sales): non-cash ones never add up to more than the total, together they cover
     * it, only cash may go over (the change). Refused with VALIDATION, path `payments`, otherwise.
     */
    payments: z.array(salePaymentSchema).min(1).max(10).optional(),
    /**
     * Optional; required by a `customer_account` payment. Unknown: NOT_FOUND; archived: CONFLICT (path customerId).
     * A charge that would take the customer's balance over the credit limit needs `managerOverride`: without it
     * the sale is refused with FORBIDDEN and the issue path `managerOverride`; with a wrong PIN, a user who is not
     * a manager or admin, or an archived one, FORBIDDEN with path `managerOverride.pin` (RATE_LIMITED after
     * repeated wrong PINs, as at login). Either way nothing is written and no number is used.
     */
    customerId: idSchema.optional(),
    managerOverride: managerOverrideSchema.optional(),
    /** The total the cashier saw. If prices changed since, the sale is refused with CONFLICT, not silently repriced. */
    expectedTotal: centavos('saleTotal').optional(),
  })
  .superRefine((request, ctx) => {
    if ((request.payment === undefined) === (request.payments === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['payments'], message: 'give either payment or payments' });
    }
    const onAccount = (request.payments ?? []).filter((p) => p.method === 'customer_account').length;
    if (onAccount > 0 && request.customerId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'paying on account needs a customer' });
    }
    if (onAccount > 1) {
      ctx.addIssue({ code: 'custom', path: ['payments'], message: 'one cuenta corriente payment per sale' });
    }
  });
export type CompleteSaleRequest = z.input<typeof completeSaleRequestSchema>;
export type CompleteSaleInput = z.output<typeof completeSaleRequestSchema>;

export const receiptSchema = z.object({
  id: idSchema,
  number: z.string(),
  createdAt: isoDateTimeSchema,
  /** The store's header as the terminal holds it when the receipt is shown (Tienda screen). */
  store: storeHeaderSchema,
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
  payments: z.array(
    z.object({
      method: z.enum(PAYMENT_METHODS),
      amount: z.int(),
      /** Cash only. */
      tendered: z.int().optional(),
      change: z.int().optional(),
      /** Card voucher or transfer number, when there is one. */
      reference: z.string().optional(),
    }),
  ),
  /**
   * The sale's customer; `balanceAfter` (what they owe right after this sale, negative when in their favour) only
   * when the sale wrote on their account: a part paid on account, or a repair delivery's credit.
   */
  customer: z
    .object({ id: idSchema, name: z.string(), taxIdDisplay: z.string().nullable(), balanceAfter: z.int().nullable() })
    .nullable(),
  /** A repair's ticket: the seña taken on an order, or its delivery (whose lines charge price minus señas). */
  repair: z
    .object({
      orderId: idSchema,
      number: z.string(),
      device: z.string(),
      role: z.enum(['deposit', 'delivery']),
      /** A delivery whose señas exceeded the price: the excess credited to the cuenta corriente; 0 otherwise. */
      creditedToAccount: z.int().nonnegative(),
    })
    .nullable()
    .optional(),
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
