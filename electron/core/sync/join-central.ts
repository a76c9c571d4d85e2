import type pg from 'pg';
import { migrateLocalDatabase, openLocalDatabase } from '../../../db/local/open-local-database';
import { newId } from '../../../shared/ids';
import type { TerminalIdentity } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { findStoreProfile } from '../repositories/store-profile.repository';
import { loadTerminalIdentity, saveTerminalIdentity } from '../services/terminal-identity';
import { type BootstrapProgress, bootstrapFromSnapshot } from './snapshot-bootstrap';
import { SyncEngine } from './sync-engine';

export interface JoinOptions {
  /**
   * This installation's terminal id. A join that is retried after an interruption must pass the id of the first
   * attempt: central bound it to the login at the first register and refuses any other.
   */
  terminalId?: string | undefined;
  nativeBinding?: string | undefined;
  /** Rows per snapshot page: smaller pages mean shorter local commits and finer progress. */
  pageSize?: number | undefined;
}

/**
 * A fresh terminal joins the chain: it takes the store and terminal code of its central login, then fills itself
 * from a snapshot of everything in its scope (users included, so its staff can log in at once) and the feed. Refuses a data folder that
 * already holds a terminal: that one connects with its own data instead.
 */
export async function joinCentral(
  dataDir: string,
  central: pg.Client,
  nowIso: () => string,
  onProgress?: (progress: BootstrapProgress) => void,
  options: JoinOptions = {},
): Promise<TerminalIdentity> {
  const store = openLocalDatabase({ dataDir, nativeBinding: options.nativeBinding });
  try {
    await migrateLocalDatabase(store.db);
    if (await loadTerminalIdentity(store.db)) throw new Error('this data folder already holds a terminal');
    const terminalId = options.terminalId ?? newId();
    const engine = new SyncEngine(store.sqlite, central, { terminalId, terminalCode: null, storeId: null });
    const registration = await engine.register();
    await bootstrapFromSnapshot(store.sqlite, central, onProgress, options.pageSize);
    // The name the store prints (its profile, which its managers edit) rather than central's label for it.
    const profile = await findStoreProfile(store.db, registration.store_id);
    const identity: TerminalIdentity = {
      storeId: registration.store_id,
      storeName: profile?.name ?? registration.store_name,
      terminalId,
      terminalCode: registration.terminal_code,
    };
    // The identity goes in last: a join interrupted halfway leaves a folder that can join again, not a
    // terminal with half a catalog.
    await writeTransaction(store.db, (trx) => saveTerminalIdentity(trx, identity, nowIso()));
    await engine.pull();
    return identity;
  } finally {
    await store.db.destroy();
  }
}
