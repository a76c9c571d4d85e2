import { z } from 'zod';
import { amountLimitMessage, MONEY_BOUNDS, type MoneyBound } from '../money-bounds';

export const ROLES = ['admin', 'manager', 'cashier', 'technician'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = z.uuid({ version: 'v7', message: 'must be a UUIDv7' });

/** Every free-text field has a ceiling: a pasted 10 MB string is refused before it reaches a service. */
export function text(min: number, max: number) {
  return z.string().trim().min(min).max(max);
}

/**
 * An amount in centavos, 0 up to its business bound (shared/money-bounds.ts). Over it, the message is the
 * `amount_limit` token the screens turn into their own words.
 */
export function centavos(bound: MoneyBound) {
  return z.int().min(0).max(MONEY_BOUNDS[bound], amountLimitMessage(bound));
}

/** A signed amount in centavos, within its bound either way. */
export function signedCentavos(bound: MoneyBound) {
  return z
    .int()
    .min(-MONEY_BOUNDS[bound], amountLimitMessage(bound))
    .max(MONEY_BOUNDS[bound], amountLimitMessage(bound));
}
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'the PIN is 4 to 8 digits');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const emptyRequest = z.strictObject({});

export const userSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
});
export type UserSummary = z.infer<typeof userSummarySchema>;
