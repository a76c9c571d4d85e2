import { hashPin } from '../../electron/core/auth/pin-hash';
import { ROLES, type Role } from '../../shared/contract/common.schemas';
import { newId } from '../../shared/ids';
import type { CoreHarness } from './core-harness';
import type { World, WorldUser } from './mutation-world';
import type { InputDraw } from './seeded-input';

/**
 * The people of a property run over the mutating channels: one open session per role, as the screens would hold
 * them, kept true while the run deactivates, demotes and resets the PINs of the very users behind them; and people
 * of the file that no terminal of this store may change.
 */

/**
 * The store's people and the chain's admins as the Usuarios list shows them, keeping the PINs the run knows;
 * false when the admin's session cannot read the list (it is about to be replaced).
 */
async function refreshPeople(h: CoreHarness, world: World): Promise<boolean> {
  const list = await h.call('users.list', {}, world.sessions.admin);
  if (!list.ok) return false;
  world.users = list.value.users.map((listed) => {
    const known = world.users.find((u) => u.id === listed.id);
    return { ...listed, pin: known?.pin ?? null } satisfies WorldUser;
  });
  return true;
}

/**
 * Logs in as someone of `role` the run knows (not `avoid`), or else, when `add`, adds one as the admin and logs
 * them in; null when no one can log in.
 */
async function logInAs(
  h: CoreHarness,
  world: World,
  role: Role,
  d: InputDraw,
  { avoid, add }: { avoid?: string | undefined; add: boolean },
): Promise<string | null> {
  const candidates = world.users.filter((u) => u.role === role && u.active && u.pin !== null && u.id !== avoid);
  while (candidates.length > 0) {
    const user = d.pick(candidates);
    candidates.splice(candidates.indexOf(user), 1);
    const login = await h.call('users.login', { userId: user.id, pin: user.pin ?? '' }, null);
    if (login.ok && login.value.user.role === role) {
      world.actors[role] = user.id;
      return login.value.token;
    }
    if (login.ok) {
      // Given another role since the run last read the list: not someone to act as this role.
      await h.call('users.logout', {}, login.value.token);
    } else if (login.code === 'UNAUTHORIZED') {
      // The PIN changed in a call answered COMMITTED, which the run could not learn from.
      user.pin = null;
    }
  }
  if (!add) return null;
  const pin = '5678';
  const name = `Prueba ${role} ${world.users.length + 1}`;
  const created = await h.call('users.create', { name, role, pin }, world.sessions.admin);
  if (!created.ok) throw new Error(`no ${role} to log in as: ${created.code} ${created.message}`);
  world.users.push({ ...created.value, active: true, chainAdmin: false, pin });
  const login = await h.ok('users.login', { userId: created.value.id, pin }, null);
  world.actors[role] = created.value.id;
  return login.token;
}

/**
 * Sessions the run holds that act for their user as the file no longer has them: a session stands for an active
 * user of the store holding the role it was opened with, or it is refused; readable lines, empty when none.
 */
export async function staleSessions(h: CoreHarness, world: World): Promise<string[]> {
  const stale: string[] = [];
  for (const role of ROLES) {
    const token = world.sessions[role];
    if (!token) continue;
    // A channel that reads no user first: users.me itself ends a session whose user it cannot find active.
    const reads = await h.call('sales.recent', { limit: 1 }, token);
    const me = await h.call('users.me', {}, token);
    if (me.ok && me.value.user.role !== role) {
      stale.push(`the ${role}'s session still answers for ${me.value.user.id}, a ${me.value.user.role} now`);
    } else if (!me.ok && reads.ok) {
      stale.push(`the ${role}'s session still reads sales for ${world.actors[role]}, who can no longer log in`);
    }
  }
  return stale;
}

/**
 * Where an accepted users call's answer says of a user something the Usuarios list does not show (a name, a role,
 * a state); readable lines, empty when it agrees.
 */
export async function answerDisagreements(h: CoreHarness, world: World, value: unknown): Promise<string[]> {
  const answer = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const said = typeof answer.user === 'object' && answer.user !== null ? answer.user : value;
  if (typeof said !== 'object' || said === null || !('id' in said)) return [];
  const listed = (await h.ok('users.list', {}, world.sessions.admin)).users.find((u) => u.id === said.id);
  if (!listed) return [`the answer names ${String(said.id)}, whom the list does not show`];
  return Object.entries(said)
    .filter(([key, told]) => key in listed && listed[key as keyof typeof listed] !== told)
    .map(
      ([key, told]) =>
        `the answer says ${key} ${JSON.stringify(told)}, the list ${JSON.stringify(listed[key as keyof typeof listed])}`,
    );
}

/**
 * Every role's session still stands for an active user of that role. A change of people ends the sessions of the
 * user it deactivated, gave another role or a new PIN; then another user of the role is logged in (one is added
 * when none can). Now and then a role's session passes to another user of it, so that, say, a second admin
 * deactivates the first. Runs between calls: its logins write.
 */
export async function ensureSessions(h: CoreHarness, world: World, d: InputDraw): Promise<void> {
  // The admin first: the list is read, and missing people added, with the admin's session.
  await refreshPeople(h, world);
  await ensureSession(h, world, d, 'admin');
  if (!(await refreshPeople(h, world))) throw new Error("the admin's session cannot read the list of people");
  for (const role of ['manager', 'cashier', 'technician'] as const) await ensureSession(h, world, d, role);
  await refreshPeople(h, world);
}

async function ensureSession(h: CoreHarness, world: World, d: InputDraw, role: Role): Promise<void> {
  const token = world.sessions[role];
  const me = token ? await h.call('users.me', {}, token) : null;
  const stands = me?.ok === true && me.value.user.role === role && me.value.user.id === world.actors[role];
  if (stands && !d.chance(0.03)) return;
  const next = await logInAs(h, world, role, d, stands ? { avoid: world.actors[role], add: false } : { add: true });
  if (next === null) return;
  if (token) await h.call('users.logout', {}, token);
  world.sessions[role] = next;
}

interface Outsider {
  name: string;
  role: Role;
  /** Null: a chain admin. */
  storeId: string | null;
  pin: string;
}

/** Puts a user on the file as a sync would bring them, never through a channel; returns their id. */
async function seedUser(h: CoreHarness, outsider: Outsider): Promise<string> {
  const id = newId();
  const pinHash = await hashPin(outsider.pin);
  const db = h.writable();
  db.prepare(
    `INSERT INTO users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, hlc, col_hlc)
     SELECT ?, ?, ?, ?, ?, 0, created_at, updated_at, 1, hlc, col_hlc FROM users ORDER BY created_at LIMIT 1`,
  ).run(id, outsider.name, outsider.role, pinHash, outsider.storeId);
  db.close();
  return id;
}

/** A manager of another store of the chain: this terminal must neither show nor change them. */
export async function seedOtherStoreUser(h: CoreHarness, world: World): Promise<string> {
  const id = await seedUser(h, { name: 'Otra Tienda', role: 'manager', storeId: newId(), pin: '2468' });
  world.outsiders.push(id);
  return id;
}

/** A chain admin, as sync brings one from central: from then on the terminal is in a chain. */
export async function seedChainAdmin(h: CoreHarness, world: World): Promise<string> {
  const pin = '1357';
  const id = await seedUser(h, { name: 'Cadena Admin', role: 'admin', storeId: null, pin });
  if (!(await refreshPeople(h, world))) throw new Error("the admin's session cannot read the list of people");
  const user = world.users.find((u) => u.id === id);
  if (user) user.pin = pin;
  return id;
}
