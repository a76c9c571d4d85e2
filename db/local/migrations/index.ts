import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_sync_bookkeeping';
import * as m0003 from './0003_central_alerts';
import * as m0004 from './0004_customers';
import * as m0005 from './0005_repairs';
import * as m0006 from './0006_store_profiles';
import * as m0007 from './0007_user_home_store';

/**
 * Every local migration, in order. A static list, never a folder scan: bundlers cannot see a scan, and the
 * order must not depend on a file system. Add new ones at the end; never edit or remove one that has shipped.
 */
export const localMigrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_sync_bookkeeping': m0002,
  '0003_central_alerts': m0003,
  '0004_customers': m0004,
  '0005_repairs': m0005,
  '0006_store_profiles': m0006,
  '0007_user_home_store': m0007,
};
