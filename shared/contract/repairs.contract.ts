import { z } from 'zod';
import { checkImei } from '../imei';
import { QUANTITY_BOUNDS } from '../money-bounds';
import { REPAIR_STATUSES } from '../repair-status';
import { channel } from './channel';
import { centavos, idSchema, isoDateTimeSchema, text } from './common.schemas';

export const REPAIR_EVENT_KINDS = [
  'intake',
  'status',
  'diagnosis',
  'estimate',
  'approval',
  'rejection',
  'part',
  'labor',
  'note',
  'assignment',
  'deposit',
] as const;
export const APPROVAL_CHANNELS = ['in_person', 'phone', 'whatsapp', 'email'] as const;
export const DEPOSIT_METHODS = ['cash', 'debit_card', 'credit_card', 'transfer'] as const;

/**
 * Where `repairs.transition` may move an order. Approval and rejection go through `repairs.recordApproval` (they
 * record who approved and how); delivery charges the balance through the sale path, a later slice.
 */
export const TRANSITION_TARGETS = REPAIR_STATUSES.filter(
  (s) => s !== 'approved' && s !== 'rejected' && s !== 'delivered' && s !== 'received',
);

const repairStatusSchema = z.enum(REPAIR_STATUSES);

/** An IMEI as typed or scanned (spaces and dashes dropped), checked with shared/imei.ts: 15 digits, Luhn. */
export const imeiSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const check = checkImei(value);
    if (check.ok) return check.imei;
    ctx.addIssue({
      code: 'custom',
      message: check.reason === 'format' ? 'an IMEI is 15 digits' : 'wrong IMEI check digit',
    });
    return z.NEVER;
  });

export const repairIntakeSchema = z
  .strictObject({
    /** Chosen by the terminal when the intake form opens: a retry after a lost answer takes nothing in twice. */
    orderId: idSchema,
    customerId: idSchema,
    device: z.strictObject({
      type: text(1, 40),
      brand: text(1, 60),
      model: text(1, 80),
      imei: imeiSchema.nullable().default(null),
      serial: text(1, 80).nullable().default(null),
    }),
    accessories: z.array(text(1, 60)).max(20).default([]),
    conditionNotes: text(0, 1000).default(''),
    reportedFault: text(1, 1000),
    /** The device's PIN or pattern; only bench roles ever see it again. */
    unlockSecret: text(1, 100).nullable().default(null),
    estimate: centavos('repairAmount').nullable().default(null),
    /** The customer approves up to the estimate now, so the bench may go from diagnosing to in_repair. */
    estimatePreApproved: z.boolean().default(false),
    promisedAt: isoDateTimeSchema.nullable().default(null),
    /**
     * A seña taken at intake: a sale of the seña (see `repairs.takeDeposit`) written in the intake's transaction,
     * and a 'deposit' event naming it.
     */
    deposit: z
      .strictObject({
        amount: centavos('repairAmount').min(1),
        method: z.enum(DEPOSIT_METHODS),
        reference: text(0, 80).default(''),
      })
      .nullable()
      .default(null),
  })
  .superRefine((input, ctx) => {
    if (input.device.imei === null && input.device.serial === null) {
      ctx.addIssue({ code: 'custom', path: ['device', 'imei'], message: 'an IMEI or a serial number is required' });
    }
    if (input.estimatePreApproved && input.estimate === null) {
      ctx.addIssue({ code: 'custom', path: ['estimate'], message: 'a pre-approved estimate needs an amount' });
    }
  });
export type RepairIntakeInput = z.input<typeof repairIntakeSchema>;

const personSchema = z.object({ id: idSchema, name: z.string() });

export const repairSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  status: repairStatusSchema,
  customer: personSchema.extend({ phone: z.string() }),
  deviceType: z.string(),
  brand: z.string(),
  model: z.string(),
  imei: z.string().nullable(),
  serial: z.string().nullable(),
  technician: personSchema.nullable(),
  estimate: z.int().nullable(),
  finalPrice: z.int().nullable(),
  promisedAt: isoDateTimeSchema.nullable(),
  /** Promised in the past and neither delivered nor cancelled. */
  overdue: z.boolean(),
  /** Whether the order holds an unlock code; the code itself only in the detail, for bench roles. */
  hasUnlockSecret: z.boolean(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type RepairSummary = z.infer<typeof repairSummarySchema>;

export const repairEventSchema = z.object({
  id: idSchema,
  kind: z.enum(REPAIR_EVENT_KINDS),
  fromStatus: repairStatusSchema.nullable(),
  toStatus: repairStatusSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  userId: idSchema,
  userName: z.string(),
  terminalId: idSchema,
  createdAt: isoDateTimeSchema,
});
export type RepairEvent = z.infer<typeof repairEventSchema>;

export const repairDetailSchema = repairSummarySchema.extend({
  accessories: z.array(z.string()),
  conditionNotes: z.string(),
  reportedFault: z.string(),
  /** Null for roles that may not see it (cashiers), and when there is none. */
  unlockSecret: z.string().nullable(),
  diagnosis: z.string(),
  estimatePreApproved: z.boolean(),
  cancelReason: z.string(),
  warrantyOf: idSchema.nullable(),
  deliveredSaleId: idSchema.nullable(),
  rowVersion: z.int(),
  /** What the UI may offer from here (shared/repair-status.ts); the core re-checks every move. */
  allowedTransitions: z.array(repairStatusSchema),
  totals: z.object({ parts: z.int(), labor: z.int(), deposits: z.int() }),
  /** Oldest first, in the order of the writes' clocks (both benches' changes, merged). */
  timeline: z.array(repairEventSchema),
});
export type RepairDetail = z.infer<typeof repairDetailSchema>;

const orderRef = { orderId: idSchema };
/** Client-chosen for calls that append to the timeline, so a retry never books a part twice. */
const eventRef = { orderId: idSchema, eventId: idSchema };

/** Every role that works the repairs desk; shared with repair-delivery.contract.ts. */
export const everyone = ['admin', 'manager', 'cashier', 'technician'] as const;
const bench = ['admin', 'manager', 'technician'] as const;

export const repairsContract = {
  'repairs.intake': channel({
    access: everyone,
    mutates: true,
    request: repairIntakeSchema,
    response: repairDetailSchema,
  }),
  'repairs.get': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ id: idSchema }),
    response: repairDetailSchema,
  }),
  /** Newest first; counts per status and the overdue count under the same filters except status. */
  'repairs.list': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({
      statuses: z.array(repairStatusSchema).max(REPAIR_STATUSES.length).optional(),
      technicianId: idSchema.optional(),
      customerId: idSchema.optional(),
      from: isoDateTimeSchema.optional(),
      to: isoDateTimeSchema.optional(),
      overdueOnly: z.boolean().default(false),
      limit: z.int().min(1).max(200).default(50),
      offset: z.int().min(0).max(1_000_000).default(0),
    }),
    response: z.object({
      items: z.array(repairSummarySchema),
      total: z.int(),
      counts: z.record(repairStatusSchema, z.int()),
      overdue: z.int(),
    }),
  }),
  /** The label's QR text or a typed number (`r t01 12` finds R-T01-000012). */
  'repairs.findByNumber': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ text: z.string().max(500) }),
    response: repairDetailSchema,
  }),
  'repairs.transition': channel({
    access: everyone,
    mutates: true,
    request: z.strictObject({
      ...orderRef,
      to: z.enum(TRANSITION_TARGETS),
      /** Required for a cancel. */
      reason: text(0, 300).default(''),
    }),
    response: repairDetailSchema,
  }),
  'repairs.diagnose': channel({
    access: bench,
    mutates: true,
    request: z
      .strictObject({
        ...orderRef,
        diagnosis: text(1, 2000),
        estimate: centavos('repairAmount').nullable(),
        estimatePreApproved: z.boolean().default(false),
      })
      .refine((d) => !(d.estimatePreApproved && d.estimate === null), {
        path: ['estimate'],
        message: 'a pre-approved estimate needs an amount',
      }),
    response: repairDetailSchema,
  }),
  'repairs.recordApproval': channel({
    access: everyone,
    mutates: true,
    request: z.strictObject({
      ...orderRef,
      decision: z.enum(['approved', 'rejected']),
      /** Who gave the answer: the customer, or whoever speaks for them. */
      by: text(1, 120),
      via: z.enum(APPROVAL_CHANNELS),
      note: text(0, 300).default(''),
    }),
    response: repairDetailSchema,
  }),
  'repairs.addPart': channel({
    access: bench,
    mutates: true,
    request: z
      .strictObject({
        ...eventRef,
        productId: idSchema.optional(),
        /** A scanned barcode or a SKU. */
        code: text(1, 64).optional(),
        quantity: z.int().min(1).max(QUANTITY_BOUNDS.repairPart),
      })
      .refine((p) => (p.productId === undefined) !== (p.code === undefined), {
        path: ['productId'],
        message: 'give a product id or a scanned code, not both',
      }),
    response: repairDetailSchema,
  }),
  'repairs.addLabor': channel({
    access: bench,
    mutates: true,
    request: z.strictObject({ ...eventRef, description: text(1, 200), amount: centavos('repairAmount').min(1) }),
    response: repairDetailSchema,
  }),
  'repairs.addNote': channel({
    access: everyone,
    mutates: true,
    request: z.strictObject({ ...eventRef, text: text(1, 2000) }),
    response: repairDetailSchema,
  }),
  /** To a technician, admin or manager; null takes the order off everyone's bench. */
  'repairs.assign': channel({
    access: bench,
    mutates: true,
    request: z.strictObject({ ...orderRef, technicianId: idSchema.nullable() }),
    response: repairDetailSchema,
  }),
  'repairs.setFinalPrice': channel({
    access: bench,
    mutates: true,
    request: z.strictObject({ ...orderRef, finalPrice: centavos('repairAmount').nullable() }),
    response: repairDetailSchema,
  }),
};
