import { z } from 'zod';
import { checkCuit, checkDni } from '../tax-id';
import { channel } from './channel';
import { centavos, idSchema, isoDateTimeSchema, signedCentavos, text } from './common.schemas';

export const TAX_ID_KINDS = ['dni', 'cuit'] as const;
export const ACCOUNT_PAYMENT_METHODS = ['cash', 'debit_card', 'credit_card', 'transfer'] as const;
export type AccountPaymentMethod = (typeof ACCOUNT_PAYMENT_METHODS)[number];

const TAX_ID_MESSAGES = {
  dni: { format: 'a DNI is 7 or 8 digits', range: 'not a DNI number' },
  cuit: {
    format: 'a CUIT/CUIL is 11 digits',
    prefix: 'a CUIT/CUIL starts with 20, 23, 24, 27, 30, 33 or 34',
    check_digit: 'wrong check digit',
  },
} as const;

/**
 * A DNI or CUIT/CUIL as typed (`12.345.678`, `20-12345678-6`), checked with shared/tax-id.ts and stored as
 * digits. A wrong check digit is refused here, before any service runs, with the field named.
 */
export const taxIdInputSchema = z
  .strictObject({ kind: z.enum(TAX_ID_KINDS), number: z.string().max(20) })
  .transform((value, ctx) => {
    if (value.kind === 'dni') {
      const check = checkDni(value.number);
      if (check.ok) return { kind: value.kind, number: check.dni };
      ctx.addIssue({ code: 'custom', path: ['number'], message: TAX_ID_MESSAGES.dni[check.reason] });
      return z.NEVER;
    }
    const check = checkCuit(value.number);
    if (check.ok) return { kind: value.kind, number: check.cuit };
    ctx.addIssue({ code: 'custom', path: ['number'], message: TAX_ID_MESSAGES.cuit[check.reason] });
    return z.NEVER;
  });
export type TaxIdInput = z.output<typeof taxIdInputSchema>;

/** A phone as people write it: digits with spaces, dashes, dots, slashes, brackets and a leading plus. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine((p) => p === '' || (/^\+?[\d\s().\-/]+$/.test(p) && p.replace(/\D/g, '').length >= 6), 'not a phone number');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(120)
  .pipe(z.union([z.literal(''), z.email('not an email address')]));

const customerFields = {
  name: text(1, 120),
  taxId: taxIdInputSchema.nullable(),
  phone: phoneSchema,
  email: emailSchema,
  address: text(0, 200),
  notes: text(0, 500),
  /** Centavos; null means no limit (shared/account-balance.ts). Only managers may set or change it. */
  creditLimit: centavos('creditLimit').nullable(),
};

export const customerInputSchema = z.strictObject({
  name: customerFields.name,
  taxId: customerFields.taxId.default(null),
  phone: customerFields.phone.default(''),
  email: customerFields.email.default(''),
  address: customerFields.address.default(''),
  notes: customerFields.notes.default(''),
  creditLimit: customerFields.creditLimit.default(null),
});
export type CustomerInput = z.input<typeof customerInputSchema>;

export const customerUpdateSchema = z.strictObject({
  id: idSchema,
  changes: z.strictObject(customerFields).partial(),
});

export const customerSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  taxIdKind: z.enum(TAX_ID_KINDS).nullable(),
  /** Digits only. */
  taxId: z.string().nullable(),
  /** `12.345.678` or `20-12345678-6`. */
  taxIdDisplay: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  archived: z.boolean(),
  /** What the customer owes (negative: credit in the customer's favour), in centavos. */
  balance: z.int(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerSchema = customerSummarySchema.extend({
  address: z.string(),
  notes: z.string(),
  creditLimit: z.int().nullable(),
  /** How much more may go on account; null when there is no limit. */
  availableCredit: z.int().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  rowVersion: z.int(),
});
export type Customer = z.infer<typeof customerSchema>;

export const accountEntrySchema = z.object({
  id: idSchema,
  customerId: idSchema,
  kind: z.enum(['charge', 'payment', 'adjustment']),
  /** Signed effect on the balance: + owes more, - owes less. */
  amount: z.int(),
  /** The balance right after this entry, in ledger order. */
  balanceAfter: z.int(),
  method: z.enum(ACCOUNT_PAYMENT_METHODS).nullable(),
  reference: z.string().nullable(),
  saleId: idSchema.nullable(),
  repairOrderId: idSchema.nullable(),
  note: z.string(),
  userName: z.string(),
  createdAt: isoDateTimeSchema,
});
export type AccountEntry = z.infer<typeof accountEntrySchema>;

/**
 * A place in a customer's ledger: the entry a page ended at. Ledger order is (createdAt, id), so entries booked in
 * the same millisecond still have one order, and a page that starts after this entry misses and repeats nothing
 * even while new entries arrive.
 */
export const ledgerCursorSchema = z.strictObject({ createdAt: isoDateTimeSchema, id: idSchema });
export type LedgerCursor = z.infer<typeof ledgerCursorSchema>;

const accountMovementResponse = z.object({
  entry: accountEntrySchema,
  balance: z.int(),
  availableCredit: z.int().nullable(),
});

const paymentAmountSchema = centavos('payment').min(1);

export const recordPaymentSchema = z
  .strictObject({
    /** Chosen by the terminal when the payment dialog opens: a retry after a lost answer records nothing twice. */
    entryId: idSchema,
    customerId: idSchema,
    amount: paymentAmountSchema,
    method: z.enum(ACCOUNT_PAYMENT_METHODS),
    /** The card voucher or transfer number. Required for cards (DOMAIN.md: tarjeta, with reference). */
    reference: text(0, 80)
      .optional()
      .transform((r) => (r ? r : null)),
    note: text(0, 200).default(''),
  })
  .superRefine((p, ctx) => {
    if ((p.method === 'debit_card' || p.method === 'credit_card') && p.reference === null) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'a card payment needs its reference' });
    }
  });

export const adjustAccountSchema = z.strictObject({
  entryId: idSchema,
  customerId: idSchema,
  /** Signed: + the customer owes more, - owes less. */
  amount: signedCentavos('accountBalance').refine((a) => a !== 0, 'an adjustment cannot be zero'),
  /** Why: an adjustment is a manager's correction and its reason stays in the statement and the audit log. */
  note: text(3, 200),
});

export const purchaseSchema = z.object({
  id: idSchema,
  number: z.string(),
  createdAt: isoDateTimeSchema,
  total: z.int(),
});

const everyone = ['admin', 'manager', 'cashier', 'technician'] as const;
const sellers = ['admin', 'manager', 'cashier'] as const;
const managers = ['admin', 'manager'] as const;

export const customersContract = {
  'customers.create': channel({
    access: everyone,
    mutates: true,
    request: customerInputSchema,
    response: customerSchema,
  }),
  'customers.update': channel({
    access: everyone,
    mutates: true,
    request: customerUpdateSchema,
    response: customerSchema,
  }),
  'customers.archive': channel({
    access: managers,
    mutates: true,
    request: z.strictObject({ id: idSchema, archived: z.boolean() }),
    response: customerSchema,
  }),
  'customers.get': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({ id: idSchema }),
    response: customerSchema,
  }),
  /** By name, DNI (a DNI finds the person's CUIT too), CUIT, phone, email or address; accents and case ignored. */
  'customers.search': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({
      query: z.string().max(200),
      limit: z.int().min(1).max(100).default(20),
      includeArchived: z.boolean().default(false),
    }),
    response: z.object({ items: z.array(customerSummarySchema) }),
  }),
  /**
   * The statement: entries newest first with the balance after each, `limit` of them older than `before` (the
   * previous page's `nextCursor`; null: the newest), and `nextCursor` null once the oldest entry is in the page.
   * The balance, the total and the running balances are read in one snapshot, so they agree with each other.
   */
  'customers.ledger': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({
      customerId: idSchema,
      limit: z.int().min(1).max(200).default(50),
      before: ledgerCursorSchema.nullable().default(null),
    }),
    response: z.object({
      customerId: idSchema,
      balance: z.int(),
      availableCredit: z.int().nullable(),
      entries: z.object({
        items: z.array(accountEntrySchema),
        total: z.int(),
        nextCursor: ledgerCursorSchema.nullable(),
      }),
    }),
  }),
  /** The customer's purchases (the sales this terminal holds: its own store's), newest first, `limit` from `offset`. */
  'customers.purchases': channel({
    access: 'user',
    mutates: false,
    request: z.strictObject({
      customerId: idSchema,
      limit: z.int().min(1).max(200).default(50),
      offset: z.int().min(0).max(1_000_000).default(0),
    }),
    response: z.object({ items: z.array(purchaseSchema), total: z.int() }),
  }),
  'accounts.recordPayment': channel({
    access: sellers,
    mutates: true,
    request: recordPaymentSchema,
    response: accountMovementResponse,
  }),
  'accounts.adjust': channel({
    access: managers,
    mutates: true,
    request: adjustAccountSchema,
    response: accountMovementResponse,
  }),
};
