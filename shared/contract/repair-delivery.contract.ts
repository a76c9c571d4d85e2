import { z } from 'zod';
import { channel } from './channel';
import { centavos, idSchema, isoDateTimeSchema, text } from './common.schemas';
import { everyone, repairDetailSchema } from './repairs.contract';
import { managerOverrideSchema, receiptSchema, salePaymentSchema } from './sales.contract';

/*
 * Money at the counter for a repair order: señas, the delivery balance, delivery itself (a sale), and the
 * warranty reopen that follows a delivery. The bench's channels are in repairs.contract.ts.
 */

/** A seña is money in hand: cash, card or transfer, never cuenta corriente. */
const depositPaymentsSchema = z
  .array(salePaymentSchema)
  .min(1)
  .max(10)
  .refine((payments) => payments.every((p) => p.method !== 'customer_account'), {
    message: 'a seña is paid in cash, card or transfer, not on account',
  });

/** A repair ticket: the order as it is after the call, and the sale's receipt (the seña's or the delivery's). */
const repairTicketSchema = z.object({ repair: repairDetailSchema, receipt: receiptSchema });
export type RepairTicket = z.infer<typeof repairTicketSchema>;

/** shared/repair-balance.ts as of now: what delivery will charge (amountDue) or owe (creditDue). */
export const repairBalanceSchema = z.object({
  price: z.int(),
  priceSource: z.enum(['final_price', 'estimate']),
  deposits: z.int(),
  amountDue: z.int(),
  creditDue: z.int(),
});
export type RepairBalance = z.infer<typeof repairBalanceSchema>;

export const repairDeliverSchema = z
  .strictObject({
    orderId: idSchema,
    /** Chosen by the terminal when the delivery dialog opens: a retry never sells twice. */
    saleId: idSchema,
    /** As for `sales.complete`; empty when the seña covers the whole price. */
    payments: z.array(salePaymentSchema).max(10).default([]),
    managerOverride: managerOverrideSchema.optional(),
    /** The amount the cashier saw; if the price or the señas changed since, CONFLICT. */
    expectedAmountDue: centavos('repairAmount').optional(),
    /**
     * Required when the señas exceed the price (creditDue > 0): the excess goes to the customer's cuenta
     * corriente as a credit. Without it the delivery is refused (CONFLICT, path creditDue).
     */
    creditDue: z.literal('customer_account').optional(),
  })
  .superRefine((request, ctx) => {
    if (request.payments.filter((p) => p.method === 'customer_account').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['payments'], message: 'one cuenta corriente payment per sale' });
    }
  });

/** Who takes money: the roles that may complete a sale. */
const counter = ['admin', 'manager', 'cashier'] as const;

export const repairDeliveryContract = {
  /**
   * A seña after intake: a sale of one line "Seña reparación R-T01-000001" (a system service product, IVA 21 %),
   * paid in cash, card or transfer, and a 'deposit' event naming the sale. Idempotent by saleId. Only while the
   * order is open (not delivered or cancelled).
   */
  'repairs.takeDeposit': channel({
    access: counter,
    mutates: true,
    request: z.strictObject({
      orderId: idSchema,
      saleId: idSchema,
      amount: centavos('repairAmount').min(1),
      payments: depositPaymentsSchema,
    }),
    response: repairTicketSchema,
  }),
  /** What delivering the order now would charge; CONFLICT (path finalPrice) when it has no price yet. */
  'repairs.deliveryBalance': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ orderId: idSchema }),
    response: repairBalanceSchema,
  }),
  /**
   * Only from ready_for_pickup (else CONFLICT, nothing written): a sale of one line "Reparación R-T01-000001 —
   * <device>" for the balance (price minus señas), paid like `sales.complete` (cuenta corriente on the order's
   * customer, with the same credit-limit and manager-override rule), then status delivered with delivered_sale_id.
   * One transaction, one outbox mutation. The receipt is the delivery receipt. Idempotent by saleId.
   */
  'repairs.deliver': channel({
    access: counter,
    mutates: true,
    request: repairDeliverSchema,
    response: repairTicketSchema,
  }),
  /**
   * Reopens a delivered order under warranty within the store's window (its profile's warrantyDays, default
   * 90, counted from the delivery): a new order for the same customer and device, warranty_of set, estimate 0
   * pre-approved; an event on both orders. Idempotent by orderId. Outside the window or not delivered: CONFLICT.
   */
  'repairs.openWarranty': channel({
    access: everyone,
    mutates: true,
    request: z.strictObject({
      orderId: idSchema,
      warrantyOf: idSchema,
      reportedFault: text(1, 1000),
      conditionNotes: text(0, 1000).default(''),
      accessories: z.array(text(1, 60)).max(20).default([]),
      promisedAt: isoDateTimeSchema.nullable().default(null),
    }),
    response: repairDetailSchema,
  }),
};
