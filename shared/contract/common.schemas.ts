import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'cashier', 'technician'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = z.uuid({ version: 'v7', message: 'must be a UUIDv7' });

/** Every free-text field has a ceiling: a pasted 10 MB string is refused before it reaches a service. */
export function text(min: number, max: number) {
  return z.string().trim().min(min).max(max);
}

export const centavosSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'the PIN is 4 to 8 digits');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const emptyRequest = z.strictObject({});

export const userSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
});
export type UserSummary = z.infer<typeof userSummarySchema>;
