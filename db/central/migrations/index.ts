import * as m0001 from './0001_central_foundation';
import * as m0002 from './0002_sync_api';

export interface CentralMigration {
  readonly description: string;
  readonly statements: readonly string[];
}

/** Every central migration, in order; a static list (never a folder scan). Never edit one that has shipped. */
export const centralMigrations: ReadonlyArray<readonly [name: string, migration: CentralMigration]> = [
  ['0001_central_foundation', m0001],
  ['0002_sync_api', m0002],
];
