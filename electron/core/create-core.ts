import { migrateLocalDatabase, openLocalDatabase } from '../../db/local/open-local-database';
import { contract, isChannelName } from '../../shared/contract/index';
import { fileChangeStamp } from './auth/file-change-stamp';
import { type Core, type CoreOptions, silentLogger, systemClock } from './core.types';
import { CoreContext } from './core-context';
import type { Handlers } from './router/handler.types';
import { createRouter } from './router/router';
import { createAccountHandlers } from './services/account.service';
import { createAppHandlers } from './services/app.service';
import { createCatalogHandlers } from './services/catalog.service';
import { createCustomerHandlers } from './services/customers.service';
import { JoinService } from './services/join.service';
import { createRepairBenchHandlers } from './services/repair-bench.service';
import { createRepairCorrectionHandlers } from './services/repair-correction.service';
import { createRepairDeliveryHandlers } from './services/repair-delivery.service';
import { createRepairHandlers } from './services/repairs.service';
import { createSalesHandlers } from './services/sales.service';
import { createStockHandlers } from './services/stock.service';
import { createStoreProfileHandlers } from './services/store-profile.service';
import { createSyncHandlers, resumeSync } from './services/sync.service';
import { activateTerminal, loadTerminalIdentity } from './services/terminal-identity';
import { createUserHandlers } from './services/users.service';
import { createUserAdminHandlers } from './services/users-admin.service';
import { SyncSupervisor } from './sync/sync-supervisor';

/**
 * The one way to get a core: opens (and migrates) the terminal's SQLite store, restores its identity and
 * returns the router. Used alike by the Electron main process, browser mode, scripts and tests.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger;
  const store = openLocalDatabase({ dataDir: options.dataDir, nativeBinding: options.nativeBinding });
  try {
    const applied = await migrateLocalDatabase(store.db);
    if (applied.length > 0) log.info(`local migrations applied: ${applied.join(', ')}`);
  } catch (error) {
    await store.db.destroy();
    throw error;
  }
  const ctx = new CoreContext(store.db, options.clock ?? systemClock, log, fileChangeStamp(store.sqlite));
  const identity = await loadTerminalIdentity(store.db);
  if (identity) await activateTerminal(ctx, identity);

  const supervisor = new SyncSupervisor({
    databaseFile: store.file,
    nativeBinding: options.nativeBinding,
    log,
    periodMs: options.syncPeriodMs,
    workerEntry: options.syncWorkerEntry,
    // Central's clock as the worker hears it; the core's next write orders after it (SYNC.md property 6).
    onCentralHlc: (hlc) => ctx.requireTerminal().hlc.receive(hlc),
  });
  const join = new JoinService(ctx, { supervisor, dataDir: options.dataDir, nativeBinding: options.nativeBinding });
  const handlers = {
    ...createAppHandlers(ctx),
    ...join.handlers(),
    ...createUserHandlers(ctx),
    ...createUserAdminHandlers(ctx),
    ...createCatalogHandlers(ctx),
    ...createStockHandlers(ctx),
    ...createSalesHandlers(ctx),
    ...createCustomerHandlers(ctx),
    ...createAccountHandlers(ctx),
    ...createRepairHandlers(ctx),
    ...createRepairBenchHandlers(ctx),
    ...createRepairDeliveryHandlers(ctx),
    ...createRepairCorrectionHandlers(ctx),
    ...createStoreProfileHandlers(ctx),
    ...createSyncHandlers(ctx, { supervisor, databaseFile: store.file, nativeBinding: options.nativeBinding }),
  } satisfies Handlers;
  const router = createRouter(handlers, ctx, { afterCommit: options.afterCommit });
  await resumeSync(ctx, supervisor);

  let closed = false;
  return {
    async call(channel, envelope) {
      const result = await router.call(channel, envelope);
      // The one place every successful mutating call ends, after its commit: the worker pushes it now. A call
      // answered COMMITTED was saved too.
      const saved = result.ok ? isChannelName(channel) && contract[channel].mutates : result.code === 'COMMITTED';
      if (saved) supervisor.wake();
      return result;
    },
    databaseFile: store.file,
    async close() {
      if (closed) return;
      closed = true;
      // A join under way first lets go of central and the file; it may have started the worker just before.
      await join.close();
      await supervisor.stop();
      await store.db.destroy();
    },
  };
}
