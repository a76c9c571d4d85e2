import { ROLES, type Role } from '../../shared/contract/common.schemas';
import type { ManagedUser } from '../../shared/contract/users.contract';
import type { MutationGenerators, World, WorldUser } from './mutation-world';
import type { InputDraw } from './seeded-input';

/**
 * Generators of the users channels: logging in and the Usuarios screen (see mutation-world.ts). A friendly call
 * is one the screen would offer (an admin or a manager changing someone they manage, a PIN of 4 to 8 digits); a
 * hostile one comes from a cashier or a technician, names the caller themselves, an admin for a manager, a chain
 * admin, another store's user or no user at all, gives a role past the caller's or a wrong current PIN.
 */

const FIRST_NAMES = ['Carla', 'Mario', 'Tomás', 'Lucía', 'Ñandú', 'José María', 'Ana'];
const LAST_NAMES = ['Gómez', 'Pérez', 'Fernández', 'Núñez', 'de la Cruz', 'O’Brien'];

/** A PIN as the pad takes it (4 to 8 digits, leading zeros included) or, in a hostile call, one it refuses. */
export function drawPin(d: InputDraw): unknown {
  const digits = d.rng.int(4, 8);
  const valid = String(d.rng.int(0, 10 ** digits - 1)).padStart(digits, '0');
  return d.choose([valid], ['12', '123456789', 'abcd', ' 1234', '１２３４', '12.4', '', 1234, null]);
}

/** A name a store would give someone; in a hostile call, sometimes one no field takes. */
function personName(d: InputDraw): unknown {
  if (d.hostile && d.chance(0.5)) return d.text(1, 60);
  return `${d.pick(FIRST_NAMES)} ${d.pick(LAST_NAMES)}`;
}

/** Who uses the Usuarios screen: an admin or a manager; in a hostile call, sometimes a cashier or a technician. */
function screenUser(d: InputDraw): Role {
  return d.choose(['admin', 'manager'] as const, ['cashier', 'technician'] as const);
}

/** The roles the screen offers the caller for a new user or an edit (the core says whether the chain allows). */
function offeredRoles(as: Role): readonly Role[] {
  return as === 'admin' ? ROLES : ['cashier', 'technician'];
}

/** The store's own people the caller may manage, themselves aside: whom the screen shows actions for. */
function managedBy(world: World, as: Role): WorldUser[] {
  const self = world.actors[as];
  return world.users.filter(
    (u) =>
      !u.chainAdmin && u.id !== self && (as === 'admin' || (as === 'manager' && offeredRoles(as).includes(u.role))),
  );
}

/** The user a change is about: one the caller manages, or in a hostile call anyone, anything else or nobody. */
function targetOf(d: InputDraw, world: World, as: Role): unknown {
  const mine = managedBy(world, as);
  if (!d.hostile && mine.length > 0) return d.pick(mine).id;
  const roll = d.rng.next();
  if (roll < 0.25 && mine.length > 0) return d.pick(mine).id;
  if (roll < 0.45) return world.actors[as] ?? d.id([]);
  if (roll < 0.7 && world.users.length > 0) return d.pick(world.users).id;
  if (roll < 0.85 && world.outsiders.length > 0) return d.pick(world.outsiders);
  return d.id([]);
}

function userOf(world: World, id: unknown): WorldUser | undefined {
  return world.users.find((u) => u.id === id);
}

function setPin(world: World, id: unknown, pin: unknown): void {
  const user = userOf(world, id);
  if (user && typeof pin === 'string') user.pin = pin;
}

/** What an answer says of a user: the list is refreshed after every users call, this keeps the run exact until then. */
function learn(world: World, user: ManagedUser): void {
  const known = userOf(world, user.id);
  if (known) Object.assign(known, { name: user.name, role: user.role, active: user.active });
}

function input(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export const userGenerators: MutationGenerators = {
  'users.login': {
    draw(d, world) {
      const user = world.users.length > 0 ? d.pick(world.users) : null;
      let userId: unknown = user && (!d.hostile || d.chance(0.7)) ? user.id : d.id([]);
      if (d.hostile && world.outsiders.length > 0 && d.chance(0.15)) userId = d.pick(world.outsiders);
      const pin = user?.pin && userId === user.id && (!d.hostile || d.chance(0.5)) ? user.pin : drawPin(d);
      return { input: { userId, pin } };
    },
    // A wrong PIN of a real user leaves its audit event and that event's outbox mutation: the trace of the attempt.
    refusalTrace: ['audit_events', 'outbox'],
  },
  'users.create': {
    draw(d) {
      const as = screenUser(d);
      return {
        input: {
          name: personName(d),
          role: d.choose(offeredRoles(as), ['admin', 'manager', 'owner', '']),
          pin: drawPin(d),
        },
        as,
      };
    },
    absorb(world, user, sent) {
      const pin = input(sent).pin;
      world.users.push({ ...user, active: true, chainAdmin: false, pin: typeof pin === 'string' ? pin : null });
    },
    saved(world, sent, _as, record) {
      const { name, role, pin } = input(sent);
      if (record?.table !== 'users' || userOf(world, record.id)) return;
      if (typeof name !== 'string' || typeof pin !== 'string' || !(ROLES as readonly unknown[]).includes(role)) return;
      world.users.push({ id: record.id, name: name.trim(), role: role as Role, active: true, chainAdmin: false, pin });
    },
  },
  'users.update': {
    draw(d, world) {
      const as = screenUser(d);
      const id = targetOf(d, world, as);
      const user = userOf(world, id);
      const other = world.users.length > 0 ? d.pick(world.users) : undefined;
      let name = personName(d);
      // Their own name as it is, or typed in another case and spacing; in a hostile call, someone else's.
      if (user && d.chance(0.5)) name = d.chance(0.7) ? user.name : `  ${user.name.toUpperCase()} `;
      if (d.hostile && other && d.chance(0.2)) name = other.name;
      const role = user && d.chance(0.5) ? user.role : d.choose(offeredRoles(as), ['admin', 'manager', 'owner', null]);
      return { input: { id, name, role }, as };
    },
    absorb: (world, user) => learn(world, user),
  },
  'users.deactivate': {
    draw: (d, world) => {
      const as = screenUser(d);
      return { input: { id: targetOf(d, world, as) }, as };
    },
    absorb: (world, user) => learn(world, user),
  },
  'users.reactivate': {
    draw: (d, world) => {
      const as = screenUser(d);
      return { input: { id: targetOf(d, world, as) }, as };
    },
    absorb: (world, user) => learn(world, user),
  },
  'users.resetPin': {
    draw: (d, world) => {
      const as = screenUser(d);
      return { input: { id: targetOf(d, world, as), pin: drawPin(d) }, as };
    },
    absorb: (world, user, sent) => setPin(world, user.id, input(sent).pin),
    saved: (world, sent) => setPin(world, input(sent).id, input(sent).pin),
  },
  /*
   * Unlike a wrong PIN on users.login, a wrong current PIN here writes nothing at all, by design (it only counts in
   * the throttle, in memory): no refusal trace, so such a refusal must leave the file exactly as it was.
   */
  'users.changeOwnPin': {
    draw(d, world) {
      const as = d.pick(ROLES);
      const known = userOf(world, world.actors[as])?.pin;
      const wrong = known === '0000' ? '1111' : '0000';
      let currentPin = known ?? drawPin(d);
      if (d.hostile && d.chance(0.5)) currentPin = d.chance(0.8) ? wrong : drawPin(d);
      return { input: { currentPin, newPin: drawPin(d) }, as };
    },
    absorb: (world, _value, sent, as) => setPin(world, world.actors[as], input(sent).newPin),
    saved: (world, sent, as) => setPin(world, world.actors[as], input(sent).newPin),
  },
};
