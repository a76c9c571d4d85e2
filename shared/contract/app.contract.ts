import { z } from 'zod';
import { TERMINAL_CODE_PATTERN } from '../document-number';
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

export const appContract = {
  'app.status': channel({ access: 'public', mutates: false, request: emptyRequest, response: appStatusSchema }),
  /** First run: creates the store, this terminal and the first admin, then logs the admin in. Once only. */
  'setup.initialize': channel({
    access: 'public',
    mutates: true,
    request: setupRequestSchema,
    response: sessionSchema,
  }),
};
