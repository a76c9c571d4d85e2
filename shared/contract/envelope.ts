import { z } from 'zod';

/**
 * What crosses IPC or HTTP for every call: the caller's session (absent before login) and the channel's input.
 * Both transports carry exactly this, so the router validates one shape.
 */
export const envelopeSchema = z.strictObject({
  session: z.string().max(128).nullish(),
  input: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
