import { migrateLocalDatabase, openLocalDatabase } from '../../db/local/open-local-database';
import { type Core, type CoreOptions, silentLogger, systemClock } from './core.types';
import { CoreContext } from './core-context';
import type { Handlers } from './router/handler.types';
import { createRouter } from './router/router';
import { createAppHandlers } from './services/app.service';
import { createCatalogHandlers } from './services/catalog.service';
import { createSalesHandlers } from './services/sales.service';
import { createStockHandlers } from './services/stock.service';
import { activateTerminal, loadTerminalIdentity } from './services/terminal-identity';
import { createUserHandlers } from './services/users.service';

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
  const ctx = new CoreContext(store.db, options.clock ?? systemClock, log);
  const identity = await loadTerminalIdentity(store.db);
  if (identity) await activateTerminal(ctx, identity);

  const handlers = {
    ...createAppHandlers(ctx),
    ...createUserHandlers(ctx),
    ...createCatalogHandlers(ctx),
    ...createStockHandlers(ctx),
    ...createSalesHandlers(ctx),
  } satisfies Handlers;
  const router = createRouter(handlers, ctx);

  let closed = false;
  return {
    call: router.call,
    databaseFile: store.file,
    async close() {
      if (closed) return;
      closed = true;
      await store.db.destroy();
    },
  };
}
