import { z } from 'zod';
import { channel } from './channel';
import { emptyRequest, idSchema, pinSchema, roleSchema, text, userSummarySchema } from './common.schemas';

export const sessionSchema = z.object({
  token: z.string(),
  user: userSummarySchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const createUserRequestSchema = z.strictObject({
  name: text(1, 60),
  role: roleSchema,
  pin: pinSchema,
});

export const usersContract = {
  /** The names on the login pad. Ids and roles only: never a hash. */
  'users.listForLogin': channel({
    access: 'public',
    mutates: false,
    request: emptyRequest,
    response: z.object({ users: z.array(userSummarySchema) }),
  }),
  'users.login': channel({
    access: 'public',
    mutates: true,
    request: z.strictObject({ userId: idSchema, pin: pinSchema }),
    response: sessionSchema,
  }),
  'users.logout': channel({
    access: 'user',
    mutates: false,
    request: emptyRequest,
    response: z.object({ loggedOut: z.literal(true) }),
  }),
  'users.create': channel({
    access: ['admin'],
    mutates: true,
    request: createUserRequestSchema,
    response: userSummarySchema,
  }),
};
