import { ROLES } from '../../shared/contract/common.schemas';
import { userNameKey } from '../../shared/user-management';
import type { StoredState } from './stored-state';

interface StoredUser {
  id: string;
  name: string;
  role: string;
  store_id: string | null;
  archived: number;
  pin_hash: string;
}

/**
 * What is stored of a store's people against the rules of shared/user-management.ts, as readable lines; empty when
 * nothing breaks them: someone can still log in as an admin, no two people of the store share a name on the pad,
 * every row holds a role, a state and a hash, and the users no terminal of this store may change (another
 * store's, a chain admin) are exactly as they came.
 */
export function storedPeopleViolations(state: StoredState, untouchable: ReadonlyMap<string, unknown>): string[] {
  const store = state.all<{ id: string }>(
    "SELECT json_extract(value, '$.id') AS id FROM settings WHERE key = 'store'",
  )[0];
  const users = state.all<StoredUser>('SELECT id, name, role, store_id, archived, pin_hash FROM users ORDER BY id');
  const here = users.filter((u) => u.store_id === null || u.store_id === store?.id);
  const found: string[] = [];
  if (!here.some((u) => u.role === 'admin' && u.archived === 0)) found.push('no active admin can log in here');
  const byName = new Map<string, string>();
  for (const user of here) {
    const other = byName.get(userNameKey(user.name));
    if (other) found.push(`users ${other} and ${user.id} share the name ${JSON.stringify(user.name)}`);
    byName.set(userNameKey(user.name), user.id);
  }
  for (const user of users) {
    if (!(ROLES as readonly string[]).includes(user.role)) found.push(`user ${user.id} has the role ${user.role}`);
    if (user.archived !== 0 && user.archived !== 1) found.push(`user ${user.id} is archived ${user.archived}`);
    if (!user.pin_hash.startsWith('scrypt$')) found.push(`user ${user.id} has no PIN hash`);
  }
  for (const [id, row] of untouchable) {
    const now = state.all('SELECT * FROM users WHERE id = ?', id)[0];
    if (JSON.stringify(now) !== JSON.stringify(row)) found.push(`user ${id}, whom no terminal may change, changed`);
  }
  return found;
}
