/**
 * `npm run seed:demo`: fills a fresh store with a demo catalog, the way a store owner would, THROUGH THE CORE:
 * every product, user and stock receipt is validated, audited and has its outbox mutation, so a demo store can
 * later be connected to a central database like any real one.
 *
 *   npm run seed:demo -- [--count=300] [--seed=2026] [--force]
 *
 * The store lives in TECHSTORE_DATA_DIR, or where the installed app and browser mode keep theirs.
 * Close the app first: SQLite would let both write, but the running app would not list the new users until restart
 * and its clock would not know about the seed's timestamps.
 */
import { homedir } from 'node:os';
import type { Core } from '../electron/core/core.types';
import { createCore } from '../electron/core/create-core';
import { resolveDataDir } from '../electron/host/data-dir';
import type { ChannelName, RequestOf, ResponseOf } from '../shared/contract/index';
import type { Result } from '../shared/errors';
import { generateCatalog } from '../tests/support/catalog-generator';

const DEMO = {
  storeName: 'TechStore Demo',
  terminalCode: 'T01',
  admin: { name: 'Admin', pin: '1234' },
  staff: [
    { name: 'Marta Encargada', role: 'manager', pin: '2222' },
    { name: 'Carlos Cajero', role: 'cashier', pin: '3333' },
  ],
} as const;

interface Options {
  count: number;
  seed: number;
  force: boolean;
}

class SeedError extends Error {}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { count: 300, seed: 2026, force: false };
  for (const arg of argv) {
    const [key, value] = arg.split('=', 2);
    if (key === '--force' && value === undefined) options.force = true;
    else if ((key === '--count' || key === '--seed') && value !== undefined && /^\d{1,7}$/.test(value)) {
      options[key === '--count' ? 'count' : 'seed'] = Number(value);
    } else throw new SeedError(`unknown argument "${arg}"; use --count=N, --seed=N and --force`);
  }
  if (options.count < 1 || options.count > 20_000) throw new SeedError('--count must be 1 to 20000');
  return options;
}

async function call<C extends ChannelName>(
  core: Core,
  channel: C,
  input: RequestOf<C>,
  session: string | null,
): Promise<Result<ResponseOf<C>>> {
  // The router answers with the response of the channel it was given; the contract types that pairing.
  return (await core.call(channel, { session, input })) as Result<ResponseOf<C>>;
}

async function ok<C extends ChannelName>(
  core: Core,
  channel: C,
  input: RequestOf<C>,
  session: string | null,
): Promise<ResponseOf<C>> {
  const result = await call(core, channel, input, session);
  if (!result.ok) throw new SeedError(`${channel} failed: ${result.code} ${result.message}`);
  return result.value;
}

/** The admin's session: set up a fresh terminal, or log in to one set up before with the demo PIN. */
async function adminSession(core: Core): Promise<string> {
  const status = await ok(core, 'app.status', {}, null);
  if (status.setupRequired) {
    const session = await ok(
      core,
      'setup.initialize',
      { storeName: DEMO.storeName, terminalCode: DEMO.terminalCode, adminName: DEMO.admin.name, pin: DEMO.admin.pin },
      null,
    );
    say(`Set up store "${DEMO.storeName}", terminal ${DEMO.terminalCode}, admin "${DEMO.admin.name}".`);
    return session.token;
  }
  const { users } = await ok(core, 'users.listForLogin', {}, null);
  for (const admin of users.filter((u) => u.role === 'admin')) {
    const login = await call(core, 'users.login', { userId: admin.id, pin: DEMO.admin.pin }, null);
    if (login.ok) {
      say(`Store "${status.storeName}" was already set up; logged in as "${admin.name}".`);
      return login.value.token;
    }
  }
  throw new SeedError(`this store was set up before and no admin has PIN ${DEMO.admin.pin}; seed a fresh data folder`);
}

async function seed(core: Core, options: Options): Promise<void> {
  const session = await adminSession(core);
  const existing = await ok(core, 'catalog.search', { query: '', limit: 1, includeArchived: true }, session);
  if (existing.items.length > 0 && !options.force) {
    throw new SeedError('this store already has products; refusing to mix demo data in (pass --force to add anyway)');
  }

  const { users } = await ok(core, 'users.listForLogin', {}, session);
  for (const member of DEMO.staff) {
    if (users.some((u) => u.name === member.name)) continue;
    await ok(core, 'users.create', { name: member.name, role: member.role, pin: member.pin }, session);
    say(`Created ${member.role} "${member.name}".`);
  }

  const catalog = generateCatalog({ count: options.count, seed: options.seed });
  let created = 0;
  let skipped = 0;
  let units = 0;
  // A progress line only on a terminal: in a log file the carriage returns would just be noise.
  const progress = process.stdout.isTTY === true;
  for (const [index, { product, initialStock }] of catalog.entries()) {
    const result = await call(core, 'catalog.create', product, session);
    if (!result.ok) {
      // With --force on a store seeded before, the same seed yields the same SKUs and barcodes.
      if (result.code === 'CONFLICT') {
        skipped++;
        continue;
      }
      throw new SeedError(`catalog.create ${product.sku} failed: ${result.code} ${result.message}`);
    }
    created++;
    if (initialStock > 0) {
      await ok(
        core,
        'stock.adjust',
        { productId: result.value.id, quantity: initialStock, reason: 'receipt', note: 'Stock inicial (demo)' },
        session,
      );
      units += initialStock;
    }
    if (progress && (index + 1) % 25 === 0) process.stdout.write(`\r  ${index + 1}/${catalog.length} products`);
  }
  if (progress) process.stdout.write(`\r${' '.repeat(40)}\r`);
  say(`Created ${created} products with ${units} units in stock${skipped > 0 ? `; ${skipped} already existed` : ''}.`);
  say();
  say('Log in with:');
  say(`  ${DEMO.admin.name.padEnd(18)} admin     PIN ${DEMO.admin.pin}`);
  for (const member of DEMO.staff) say(`  ${member.name.padEnd(18)} ${member.role.padEnd(9)} PIN ${member.pin}`);
}

async function main(): Promise<number> {
  const dataDir = resolveDataDir({ platform: process.platform, env: process.env, homedir: homedir() });
  let core: Core | null = null;
  try {
    const options = parseArgs(process.argv.slice(2));
    say(`Demo store in ${dataDir}`);
    core = await createCore({ dataDir });
    await seed(core, options);
    say(`Done: ${core.databaseFile}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    process.stderr.write(`seed:demo: ${error.message}\n`);
    return 1;
  } finally {
    await core?.close();
  }
}

process.exitCode = await main();
