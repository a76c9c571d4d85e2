import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Result } from '../../shared/errors';
import type { CoreHarness } from './core-harness';

export interface StoredSnapshot {
  /** Rows of every table of the file, by name (FTS shadow tables included). */
  counts: Record<string, number>;
  /** `PRAGMA data_version` of the watching connection: it moves whenever another connection commits. */
  dataVersion: number;
}

/**
 * A second, read-only connection to a core's file that says whether anything was committed between two looks:
 * the row count of every table, and `PRAGMA data_version`, which changes on any commit by another connection,
 * even one that only updated rows. Table names come from the file's own schema, never from input.
 */
export class StoredState {
  private readonly db: Database.Database;
  private readonly tables: string[];

  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
    this.db.pragma('busy_timeout = 5000');
    this.tables = (
      this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[]
    ).map((row) => row.name);
  }

  snapshot(): StoredSnapshot {
    const counts: Record<string, number> = {};
    for (const table of this.tables) {
      counts[table] = (this.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    }
    return { counts, dataVersion: Number(this.db.pragma('data_version', { simple: true })) };
  }

  /** A read-only query on the watching connection, for checks of what is stored. */
  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Calls a channel and checks that its answer tells the truth about the file: a refusal is a typed failure that
 * is neither INTERNAL nor COMMITTED, and nothing at all was committed for it.
 */
export async function callTruthfully<C extends ChannelName>(
  h: CoreHarness,
  state: StoredState,
  channel: C,
  input: RequestOf<C>,
  session = h.session,
): Promise<Result<ResponseOf<C>>> {
  const before = state.snapshot();
  const result = await h.call(channel, input, session);
  if (!result.ok) {
    expect(['INTERNAL', 'COMMITTED'], `${channel}: ${result.code} ${result.message}`).not.toContain(result.code);
    expect(state.snapshot(), `${channel} was refused (${result.code}) yet wrote`).toEqual(before);
  }
  return result;
}
