import { z } from 'zod';
import { channel } from './channel';
import { emptyRequest, idSchema, pinSchema, roleSchema, text, userSummarySchema } from './common.schemas';

export const sessionSchema = z.object({
  token: z.string(),
  user: userSummarySchema,
});
export type Session = z.infer<typeof sessionSchema>;

const userNameSchema = text(1, 60);

export const createUserRequestSchema = z.strictObject({
  name: userNameSchema,
  role: roleSchema,
  pin: pinSchema,
});

/** A person of the store as the Usuarios screen lists them. Never a hash. */
export const managedUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  /** False once deactivated: they cannot log in, and their sales keep their name. */
  active: z.boolean(),
  /** No home store: a chain-wide admin created at central, read-only on every terminal. */
  chainAdmin: z.boolean(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const userListSchema = z.object({
  /** Connected to a central (or holding its chain admins): admins come from central only. */
  inChain: z.boolean(),
  users: z.array(managedUserSchema),
});
export type UserList = z.infer<typeof userListSchema>;

export const updateUserRequestSchema = z.strictObject({ id: idSchema, name: userNameSchema, role: roleSchema });
const userIdRequest = z.strictObject({ id: idSchema });

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
  /** The logged-in user as the "Cambiar mi PIN" dialog needs them: a chain admin's PIN is changed at central. */
  'users.me': channel({
    access: 'user',
    mutates: false,
    request: emptyRequest,
    response: z.object({ user: userSummarySchema, chainAdmin: z.boolean() }),
  }),
  /** The store's people, active and deactivated, and the chain's admins (read-only), for the Usuarios screen. */
  'users.list': channel({
    access: ['admin', 'manager'],
    mutates: false,
    request: emptyRequest,
    response: userListSchema,
  }),
  /** A new user of this terminal's store. Who may give which role: shared/user-management.ts. */
  'users.create': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: createUserRequestSchema,
    response: userSummarySchema,
  }),
  /** A new name and role; only the columns that change are written. */
  'users.update': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: updateUserRequestSchema,
    response: managedUserSchema,
  }),
  /** The user can no longer log in and their sessions here end; never a delete (their sales keep their name). */
  'users.deactivate': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: userIdRequest,
    response: managedUserSchema,
  }),
  'users.reactivate': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: userIdRequest,
    response: managedUserSchema,
  }),
  /** Sets another user's PIN (one who forgot theirs); one's own PIN is changed with `users.changeOwnPin`. */
  'users.resetPin': channel({
    access: ['admin', 'manager'],
    mutates: true,
    request: z.strictObject({ id: idSchema, pin: pinSchema }),
    response: managedUserSchema,
  }),
  /** Any logged-in user, with their current PIN; a wrong one counts against them like a wrong login. */
  'users.changeOwnPin': channel({
    access: 'user',
    mutates: true,
    request: z.strictObject({ currentPin: pinSchema, newPin: pinSchema }),
    response: z.object({ changed: z.literal(true) }),
  }),
};
