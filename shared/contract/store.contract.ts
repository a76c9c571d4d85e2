import { z } from 'zod';
import { checkCuit } from '../tax-id';
import { channel } from './channel';
import { emptyRequest, idSchema, text } from './common.schemas';
import { emailSchema, phoneSchema } from './customers.contract';

/** How long a delivered repair may be reopened under warranty when a store never set its own window. */
export const DEFAULT_WARRANTY_DAYS = 90;

/** What heads every paper the store hands out: receipts, repair tickets, account statements. */
export const storeHeaderSchema = z.object({
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  /** The store's CUIT as `30-12345678-1`, or '' when not set. */
  taxId: z.string(),
});
export type StoreHeader = z.infer<typeof storeHeaderSchema>;

/**
 * The store's own data, replicated to every terminal of the store (store_profiles, one row per store, id = the
 * store id). A terminal whose store never saved one sees its setup name and the defaults.
 */
export const storeProfileSchema = storeHeaderSchema.extend({
  storeId: idSchema,
  email: z.string(),
  /** Printed on the repair ticket; '' prints the standard terms of the terminal's language. */
  repairTerms: z.string(),
  /** A delivered repair may be reopened under warranty for this many days after its delivery. */
  warrantyDays: z.int(),
});
export type StoreProfile = z.infer<typeof storeProfileSchema>;

/** The store's CUIT as typed (`30-71234567-1`): check digit verified, stored as digits; '' clears it. */
const storeTaxIdSchema = z
  .string()
  .trim()
  .max(20)
  .transform((raw, ctx) => {
    if (raw === '') return '';
    const check = checkCuit(raw);
    if (check.ok) return check.cuit;
    ctx.addIssue({
      code: 'custom',
      message: check.reason === 'check_digit' ? 'wrong check digit' : 'a CUIT is 11 digits starting 20 to 34',
    });
    return z.NEVER;
  });

export const storeProfileChangesSchema = z
  .strictObject({
    name: text(1, 80),
    address: text(0, 200),
    phone: phoneSchema,
    email: emailSchema,
    taxId: storeTaxIdSchema,
    repairTerms: text(0, 1500),
    warrantyDays: z.int().min(0).max(3650),
  })
  .partial();
export type StoreProfileChanges = z.input<typeof storeProfileChangesSchema>;

export const storeContract = {
  'store.profile': channel({ access: 'user', mutates: false, request: emptyRequest, response: storeProfileSchema }),
  /** Only the fields sent change; each changed field merges on its own with other terminals' edits (SYNC.md). */
  'store.updateProfile': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: storeProfileChangesSchema,
    response: storeProfileSchema,
  }),
};
