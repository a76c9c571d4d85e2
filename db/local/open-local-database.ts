import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { LocalDatabase } from './local-schema';
import { localMigrations } from './migrations';
import { withStatementCache } from './statement-cache';

export const LOCAL_DATABASE_FILE = 'techstore.sqlite';

export interface OpenLocalDatabaseOptions {
  dataDir: string;
  /** Path to a better-sqlite3 `.node` built for another ABI (Electron's); Node uses its own build when absent. */
  nativeBinding?: string;
}

export interface LocalStore {
  db: Kysely<LocalDatabase>;
  /** The raw connection, for pragmas and the few hot statements prepared once. */
  sqlite: Database.Database;
  file: string;
}

/**
 * Opens (creating if needed) the terminal's SQLite file with the durability settings every sale relies on:
 * WAL, synchronous=FULL (a committed sale survives a power cut), foreign keys on, and a busy timeout so the
 * sync worker's connection waits for a writer instead of failing.
 */
export function openLocalDatabase(options: OpenLocalDatabaseOptions): LocalStore {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, LOCAL_DATABASE_FILE);
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<LocalDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite, file };
}

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/** Brings the file to the latest schema; safe to run on every start. */
export async function migrateLocalDatabase(db: Kysely<LocalDatabase>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => localMigrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`local migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
