import * as m0001 from './0001_central_foundation';
import * as m0002 from './0002_sync_api';
import * as m0003 from './0003_sync_api_read';
import * as m0004 from './0004_alerts';
import * as m0005 from './0005_sync_api_speed';
import * as m0006 from './0006_customers';
import * as m0007 from './0007_snapshot_copy';
import * as m0008 from './0008_repairs';
import * as m0009 from './0009_store_profiles';
import * as m0010 from './0010_credit_alert_per_chain';
import * as m0011 from './0011_user_home_store';
import * as m0012 from './0012_money_bounds';

export interface CentralMigration {
  readonly description: string;
  readonly statements: readonly string[];
}

/** Every central migration, in order; a static list (never a folder scan). Never edit one that has shipped. */
export const centralMigrations: ReadonlyArray<readonly [name: string, migration: CentralMigration]> = [
  ['0001_central_foundation', m0001],
  ['0002_sync_api', m0002],
  ['0003_sync_api_read', m0003],
  ['0004_alerts', m0004],
  ['0005_sync_api_speed', m0005],
  ['0006_customers', m0006],
  ['0007_snapshot_copy', m0007],
  ['0008_repairs', m0008],
  ['0009_store_profiles', m0009],
  ['0010_credit_alert_per_chain', m0010],
  ['0011_user_home_store', m0011],
  ['0012_money_bounds', m0012],
];
