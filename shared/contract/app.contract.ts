import { z } from 'zod';
import { TERMINAL_CODE_PATTERN } from '../document-number';
import { ERROR_CODES } from '../errors';
import { channel } from './channel';
import { emptyRequest, pinSchema, text } from './common.schemas';
import { sessionSchema } from './users.contract';

export const appStatusSchema = z.object({
  setupRequired: z.boolean(),
  storeName: z.string().nullable(),
  terminalCode: z.string().nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const setupRequestSchema = z.strictObject({
  storeName: text(1, 80),
  terminalCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(TERMINAL_CODE_PATTERN, 'a letter then 1 to 7 letters or digits, e.g. T01'),
  adminName: text(1, 60),
  pin: pinSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** Why a join failed, so the first-run screen can say it in the staff's words. */
export const JOIN_FAILURE_REASONS = [
  'unreachable',
  'wrong-password',
  'revoked',
  'no-database',
  'terminal-refused',
  'interrupted',
  'other',
] as const;
export const joinFailureReasonSchema = z.enum(JOIN_FAILURE_REASONS);
export type JoinFailureReason = z.infer<typeof joinFailureReasonSchema>;

export const joinRequestSchema = z.strictObject({
  /** The line `npm run central -- add-terminal` printed; absent to continue an interrupted join with its own. */
  connectionText: text(10, 2000).optional(),
});

/** A join in the background, as the first-run screen polls it (SYNC.md property 10: fast and visible). */
export const joinStatusSchema = z.object({
  phase: z.enum(['idle', 'running', 'failed', 'done']),
  /** While running: connecting, counting central's rows, copying the snapshot, then catching up the feed. */
  step: z.enum(['connecting', 'counting', 'copying', 'finishing']).nullable(),
  /** The replicated table being copied (a sync registry name such as `products`). */
  table: z.string().nullable(),
  tableRows: z.int(),
  tableTotal: z.int().nullable(),
  rowsSoFar: z.int(),
  /** What central holds for this terminal when the copy began; null when it could not be counted. */
  totalRows: z.int().nullable(),
  /** An earlier join on this data folder did not finish (the app closed halfway): it can be continued. */
  interrupted: z.boolean(),
  storeName: z.string().nullable(),
  failure: z.object({ reason: joinFailureReasonSchema, code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
});
export type JoinStatus = z.infer<typeof joinStatusSchema>;

export const appContract = {
  'app.status': channel({ access: 'public', mutates: false, request: emptyRequest, response: appStatusSchema }),
  /** First run: creates the store, this terminal and the first admin, then logs the admin in. Once only. */
  'setup.initialize': channel({
    access: 'public',
    mutates: true,
    request: setupRequestSchema,
    response: sessionSchema,
  }),
  /**
   * First run, the other way: joins an existing chain with a connection text. Validates the text, starts the
   * copy from central in the background and answers at once; `app.joinStatus` follows it.
   */
  'app.join': channel({ access: 'setup', mutates: false, request: joinRequestSchema, response: joinStatusSchema }),
  /**
   * Public rather than 'setup': the screen's last poll must see `done` after the terminal became set up. Once set
   * up it answers only the phase, never central's address or a failure.
   */
  'app.joinStatus': channel({ access: 'public', mutates: false, request: emptyRequest, response: joinStatusSchema }),
};
