import type { Role } from './contract/common.schemas';
import type { ErrorCode } from './errors';

/**
 * Who may manage whom at a store, as pure rules: the core enforces them (users-admin handlers) and the Usuarios
 * screen uses the same functions only to hide what would be refused.
 *
 * - An admin manages everyone of the store; a manager manages its cashiers and technicians only.
 * - A chain admin (no home store, created at central) is never changed on a terminal, not even their own PIN.
 * - The admin role is given on a standalone terminal only: once in a chain, admins come from central, which
 *   refuses (quarantines) a terminal's push that creates one or grants the role.
 */

/** Why a change to a user is refused. Each has one error code and one English message (the log's; the UI
 * shows its own text for the reason). */
export const USER_REFUSALS = {
  chainAdmin: { code: 'FORBIDDEN', message: 'chain admins are created and changed at central' },
  adminsAtCentral: {
    code: 'FORBIDDEN',
    message: 'this terminal is part of a chain: admins are created at central, and no terminal may give the admin role',
  },
  outsideRole: { code: 'FORBIDDEN', message: 'a manager manages the cashiers and technicians of the store only' },
  self: {
    code: 'FORBIDDEN',
    message: 'another admin must change your role or deactivate you; your own PIN is changed with your current one',
  },
  lastAdmin: { code: 'CONFLICT', message: 'the last active admin of the store must stay an active admin' },
  nameTaken: { code: 'CONFLICT', message: 'another user of this store already has this name' },
  wrongPin: { code: 'VALIDATION', message: 'the current PIN is wrong' },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type UserRefusal = keyof typeof USER_REFUSALS;

/** The reason behind a failure the core answered for a user change, or null when it is another failure. */
export function userRefusalOf(failure: { code: ErrorCode; message: string }): UserRefusal | null {
  for (const [reason, refusal] of Object.entries(USER_REFUSALS)) {
    if (refusal.code === failure.code && refusal.message === failure.message) return reason as UserRefusal;
  }
  return null;
}

/** Names compare as people read them on the login pad: case, spacing and Unicode form aside. */
export function userNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('es-AR');
}

/** The user whose record is to change, as the rules see it. */
export interface ManagedTarget {
  id: string;
  role: Role;
  /** No home store: a chain-wide admin created at central. */
  chainAdmin: boolean;
}

export interface Manager {
  id: string;
  role: Role;
}

const MANAGER_SCOPE: readonly Role[] = ['cashier', 'technician'];

/** The roles an actor may give to a new user or to one they manage. */
export function assignableRoles(actorRole: Role, inChain: boolean): Role[] {
  if (actorRole === 'admin') {
    return inChain ? ['manager', 'cashier', 'technician'] : ['admin', 'manager', 'cashier', 'technician'];
  }
  if (actorRole === 'manager') return [...MANAGER_SCOPE];
  return [];
}

/** Whether the actor may change this user's record at all (name, state, PIN); null when allowed. */
export function manageRefusal(actor: Manager, target: ManagedTarget): UserRefusal | null {
  if (target.chainAdmin) return 'chainAdmin';
  if (actor.role === 'admin') return null;
  if (actor.role === 'manager' && MANAGER_SCOPE.includes(target.role)) return null;
  return 'outsideRole';
}

/**
 * Whether the actor may give `role` to a user who holds `currentRole` now (null for a new user); null when
 * allowed. Keeping a role is never a grant: an admin renamed in a chain stays an admin.
 */
export function roleRefusal(
  actorRole: Role,
  inChain: boolean,
  role: Role,
  currentRole: Role | null,
): UserRefusal | null {
  if (role === currentRole) return null;
  if (role === 'admin' && inChain) return 'adminsAtCentral';
  return assignableRoles(actorRole, inChain).includes(role) ? null : 'outsideRole';
}

/** What the actor may do with one listed user: the screen offers exactly these. */
export interface UserActions {
  edit: boolean;
  /** The roles the edit form offers (the current one included); one role means the role cannot change. */
  roles: Role[];
  setActive: boolean;
  resetPin: boolean;
}

export function userActions(actor: Manager, target: ManagedTarget, inChain: boolean): UserActions {
  if (manageRefusal(actor, target) !== null)
    return { edit: false, roles: [target.role], setActive: false, resetPin: false };
  const self = actor.id === target.id;
  const roles = self
    ? [target.role]
    : (['admin', 'manager', 'cashier', 'technician'] as const).filter(
        (role) => roleRefusal(actor.role, inChain, role, target.role) === null,
      );
  return { edit: true, roles, setActive: !self, resetPin: !self };
}
