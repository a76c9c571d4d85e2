import { z } from 'zod';
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
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const quarantinedMutationSchema = z.object({
  mutationId: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  error: z.string(),
});

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
};
