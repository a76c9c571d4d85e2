import { inject } from 'vitest';

/**
 * The PostgreSQL servers a central test runs against: 18 always, 15 when its binaries are installed (the
 * version the stores run; the schema must stay 15-compatible). Use with `describe.each(centralServers())`.
 */
export function centralServers(): [label: string, adminUrl: string][] {
  const servers: [string, string][] = [['18', inject('pgAdminUrl')]];
  const pg15 = inject('pg15AdminUrl');
  if (pg15) servers.push(['15', pg15]);
  return servers;
}
