/**
 * Vitest global setup: one PostgreSQL 18 server per run (and PostgreSQL 15 when its binaries are installed),
 * started before the first test file and stopped after the last. Test files read the superuser URLs with
 * `inject('pgAdminUrl')` / `inject('pg15AdminUrl')` and create their own database from them.
 *
 * Both start in parallel in 1.5-3 s on a 2-core build machine (initdb is most of it), so a unit-only run pays
 * that once; `TECHSTORE_TEST_PG15=off` saves about a second of it.
 */
import type { TestProject } from 'vitest/node';
import { startTestPostgres15 } from './postgres-debian';
import { startTestPostgres, type TestPostgresServer } from './postgres-server';
import { sweepAbandonedClusters } from './postgres-sweep';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL 18 (or `TECHSTORE_TEST_PG_URL`). */
    pgAdminUrl: string;
    /** Superuser URL of the run's PostgreSQL 15, or null when 15 is not installed or switched off. */
    pg15AdminUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const swept = await sweepAbandonedClusters();
  if (swept.length > 0)
    process.stdout.write(`stopped ${swept.length} test PostgreSQL server(s) left by a killed run\n`);
  const started = await Promise.allSettled([startTestPostgres(), startTestPostgres15()]);
  const servers = started.flatMap((result) => (result.status === 'fulfilled' && result.value ? [result.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(servers.map((server: TestPostgresServer) => server.stop()));
  };
  const [pg18, pg15] = started;
  if (pg18?.status !== 'fulfilled' || pg15?.status !== 'fulfilled') {
    await stopAll();
    const reasons = started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
    throw new Error(`Could not start PostgreSQL for the tests:\n${reasons.join('\n')}`);
  }
  project.provide('pgAdminUrl', pg18.value.adminUrl);
  project.provide('pg15AdminUrl', pg15.value?.adminUrl ?? null);
  return stopAll;
}
