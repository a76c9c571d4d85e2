import { z } from 'zod';
import { QUARANTINE_REASONS } from '../sync/quarantine-reason';
import { channel } from './channel';
import { emptyRequest, isoDateTimeSchema, text } from './common.schemas';

/** What every screen's sync indicator shows (SYNC.md property 10). */
export const syncStatusSchema = z.object({
  /** No central configured: the terminal works on its own. */
  configured: z.boolean(),
  /** The last attempt to reach central succeeded. */
  online: z.boolean(),
  pendingCount: z.int(),
  /** Age in ms of the oldest mutation central has not acknowledged; null when none is pending. */
  oldestPendingAgeMs: z.int().nullable(),
  lastSyncAt: isoDateTimeSchema.nullable(),
  quarantinedCount: z.int(),
  /** How far this terminal's wall clock is from central's (positive: ahead); null before the first contact. */
  clockSkewMs: z.int().nullable(),
  lastError: z.string().nullable(),
  /** Central's alerts of this store still open and not yet acknowledged here, as of the last sync. */
  openAlertCount: z.int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const quarantineReasonSchema = z.enum(QUARANTINE_REASONS);

export const quarantinedMutationSchema = z.object({
  mutationId: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  error: z.string(),
  /**
   * Why, when central refused a write beyond this terminal's store (shared/sync/quarantine-reason.ts): the screen
   * says it in the staff's words. Null for any other error, shown as central wrote it.
   */
  reason: quarantineReasonSchema.nullable(),
});

/**
 * A central alert of this terminal's store (SYNC.md property 3), as the terminal cached it at its last sync.
 * Kinds central raises: negative_stock, clock_skew, quarantined_mutation, credit_limit_exceeded; serial_sold_twice
 * is reserved for serial units. An unknown kind is passed on as it is (the screen shows it raw).
 */
export const centralAlertSchema = z.object({
  id: z.int().positive(),
  kind: z.string(),
  createdAt: z.string(),
  /** The product an alert is about, looked up in this terminal's catalog; null when not a product or unknown. */
  product: z.object({ id: z.string(), sku: z.string(), name: z.string() }).nullable(),
  /**
   * The terminal the alert names, as central recorded it: clock skew and quarantine, its code; credit limit, the
   * last over-limit charge's as `<store>/<terminal>` (terminal codes repeat across stores).
   */
  terminalCode: z.string().nullable(),
  /** negative_stock: the store's stock when central raised it. */
  onHand: z.int().nullable(),
  /** clock_skew: how far the terminal's clock was off (positive: ahead). */
  clockSkewMs: z.int().nullable(),
  /** quarantined_mutation: central's error, and why in the staff's words when central says (as above). */
  error: z.string().nullable(),
  quarantineReason: quarantineReasonSchema.nullable(),
  /**
   * credit_limit_exceeded (only): the customer, the balance central saw last and the limit, and the stores whose
   * charges went over while it was open. This alert is the chain's: every store lists it (central migration 0010).
   */
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      balance: z.int().nullable(),
      creditLimit: z.int().nullable(),
      stores: z.array(z.string()),
    })
    .optional(),
  acknowledgement: z
    .object({
      at: z.string(),
      by: z.string(),
      terminalCode: z.string().nullable(),
      note: z.string().nullable(),
      /** Recorded on this terminal and not yet confirmed by central (sent on the next sync). */
      pending: z.boolean(),
    })
    .nullable(),
});
export type CentralAlert = z.infer<typeof centralAlertSchema>;

const managers = ['admin', 'manager'] as const;

export const syncContract = {
  'sync.status': channel({ access: 'user', mutates: false, request: emptyRequest, response: syncStatusSchema }),
  /** Connects this terminal to central with the connection text `npm run central -- add-terminal` printed. */
  'sync.connect': channel({
    access: ['admin'],
    mutates: false,
    request: z.strictObject({ connectionText: text(10, 2000) }),
    response: syncStatusSchema,
  }),
  'sync.quarantined': channel({
    access: managers,
    mutates: false,
    request: emptyRequest,
    response: z.object({ items: z.array(quarantinedMutationSchema) }),
  }),
  /** The store's alerts as of the last sync: open ones first, then those acknowledged in the last days. */
  'sync.alerts': channel({
    access: managers,
    mutates: false,
    request: emptyRequest,
    response: z.object({ asOf: z.string().nullable(), items: z.array(centralAlertSchema) }),
  }),
  /**
   * A manager marks an alert as seen. Recorded locally with an audit event (its one outbox mutation) and sent to
   * central by the sync worker, offline or not; acknowledging again changes nothing.
   */
  'sync.acknowledgeAlert': channel({
    access: managers,
    mutates: true,
    request: z.strictObject({ id: z.int().positive(), note: text(0, 500).optional() }),
    response: centralAlertSchema,
  }),
};
