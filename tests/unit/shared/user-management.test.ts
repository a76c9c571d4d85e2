import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/contract/common.schemas';
import {
  assignableRoles,
  manageRefusal,
  roleRefusal,
  USER_REFUSALS,
  userActions,
  userNameKey,
  userRefusalOf,
} from '../../../shared/user-management';

const target = (role: Role, chainAdmin = false) => ({ id: 'target', role, chainAdmin });
const actor = (role: Role) => ({ id: 'actor', role });

describe('who manages whom', () => {
  it.each([
    ['admin', 'admin', null],
    ['admin', 'manager', null],
    ['admin', 'cashier', null],
    ['admin', 'technician', null],
    ['manager', 'admin', 'outsideRole'],
    ['manager', 'manager', 'outsideRole'],
    ['manager', 'cashier', null],
    ['manager', 'technician', null],
    ['cashier', 'cashier', 'outsideRole'],
    ['technician', 'technician', 'outsideRole'],
  ] as const)('a %s managing a %s: %s', (actorRole, targetRole, expected) => {
    expect(manageRefusal(actor(actorRole), target(targetRole))).toBe(expected);
  });

  it('never lets anyone change a chain admin on a terminal', () => {
    for (const role of ['admin', 'manager', 'cashier', 'technician'] as const) {
      expect(manageRefusal(actor(role), target('admin', true))).toBe('chainAdmin');
    }
  });
});

describe('which roles may be given', () => {
  it.each([
    ['admin', false, ['admin', 'manager', 'cashier', 'technician']],
    ['admin', true, ['manager', 'cashier', 'technician']],
    ['manager', false, ['cashier', 'technician']],
    ['manager', true, ['cashier', 'technician']],
    ['cashier', false, []],
    ['technician', true, []],
  ] as const)('a %s (in a chain: %s) gives %j', (role, inChain, expected) => {
    expect(assignableRoles(role, inChain)).toEqual(expected);
  });

  it.each([
    ['admin', true, 'admin', null, 'adminsAtCentral'],
    ['admin', true, 'admin', 'manager', 'adminsAtCentral'],
    ['admin', true, 'admin', 'admin', null],
    ['admin', true, 'manager', 'admin', null],
    ['admin', false, 'admin', 'cashier', null],
    ['manager', false, 'manager', 'cashier', 'outsideRole'],
    ['manager', false, 'admin', null, 'outsideRole'],
    ['manager', true, 'admin', 'cashier', 'adminsAtCentral'],
    ['manager', false, 'technician', 'cashier', null],
  ] as const)('a %s (in a chain: %s) giving %s to a %s: %s', (actorRole, inChain, role, current, expected) => {
    expect(roleRefusal(actorRole, inChain, role, current)).toBe(expected);
  });
});

describe('what the screen offers for one user', () => {
  it('offers an admin everything for others, and only a new name for themselves', () => {
    expect(userActions(actor('admin'), target('manager'), false)).toEqual({
      edit: true,
      roles: ['admin', 'manager', 'cashier', 'technician'],
      setActive: true,
      resetPin: true,
    });
    expect(userActions(actor('admin'), { ...target('admin'), id: 'actor' }, false)).toEqual({
      edit: true,
      roles: ['admin'],
      setActive: false,
      resetPin: false,
    });
  });

  it('keeps an admin in a chain an admin, and offers it to no one else', () => {
    expect(userActions(actor('admin'), target('admin'), true).roles).toEqual([
      'admin',
      'manager',
      'cashier',
      'technician',
    ]);
    expect(userActions(actor('admin'), target('cashier'), true).roles).toEqual(['manager', 'cashier', 'technician']);
  });

  it('offers nothing on a chain admin, or to a manager on an admin or a manager', () => {
    const none = { edit: false, setActive: false, resetPin: false };
    expect(userActions(actor('admin'), target('admin', true), true)).toMatchObject(none);
    expect(userActions(actor('manager'), target('admin'), false)).toMatchObject(none);
    expect(userActions(actor('manager'), target('manager'), false)).toMatchObject(none);
    expect(userActions(actor('manager'), target('cashier'), false)).toEqual({
      edit: true,
      roles: ['cashier', 'technician'],
      setActive: true,
      resetPin: true,
    });
  });
});

describe('reading a refusal back', () => {
  it('finds each refusal from its code and message, and nothing else', () => {
    for (const [reason, refusal] of Object.entries(USER_REFUSALS)) expect(userRefusalOf(refusal)).toBe(reason);
    expect(
      userRefusalOf({ code: 'FORBIDDEN', message: 'users.update is not allowed for the cashier role' }),
    ).toBeNull();
    expect(userRefusalOf({ code: 'CONFLICT', message: USER_REFUSALS.chainAdmin.message })).toBeNull();
  });
});

describe('names as the login pad shows them', () => {
  it.each([
    ['Carla Cajera', 'carla  CAJERA', true],
    ['Carla Cajera', '  Carla\tCajera ', true],
    ['Tomás', 'Toma\u0301s', true],
    ['Ñandú', 'ñandú', true],
    ['Carla Cajera', 'Carla Cajeras', false],
    ['Tomás', 'Tomas', false],
  ])('%j and %j are one name: %s', (a, b, same) => {
    expect(userNameKey(a) === userNameKey(b)).toBe(same);
  });
});
