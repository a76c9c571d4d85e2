import { useEffect, useState } from 'react';
import type { UserSummary } from '../../shared/contract/common.schemas';
import { call } from '../bridge/techstore-bridge';

/** Who may be on a bench: the roles the core accepts for `repairs.assign`. */
export const BENCH_ROLES: readonly UserSummary['role'][] = ['technician', 'manager', 'admin'];

export function isBenchRole(role: UserSummary['role'] | undefined): boolean {
  return role !== undefined && BENCH_ROLES.includes(role);
}

/** The store's technicians (and managers and admins, who also repair), from the login pad's list of names. */
export function useTechnicians(): UserSummary[] {
  const [users, setUsers] = useState<UserSummary[]>([]);
  useEffect(() => {
    let stale = false;
    void call('users.listForLogin', {}).then((result) => {
      if (!stale && result.ok) setUsers(result.value.users.filter((u) => isBenchRole(u.role)));
    });
    return () => {
      stale = true;
    };
  }, []);
  return users;
}
