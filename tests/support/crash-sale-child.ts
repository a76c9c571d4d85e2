/**
 * The victim of the crash-safety test (tests/integration/crash): opens the core on the parent's data folder, logs
 * in, and completes random cash sales back to back until it is killed with SIGKILL. It announces each sale before
 * calling (`begin`) and after `sales.complete` resolved ok (`done`), so the parent knows which sales the
 * cashier was told were complete. Run bundled (crash-child-bundle.ts) as `node crash-sale-child.cjs '<config json>'`, then send `go`.
 */
import { z } from 'zod';
import { createCore } from '../../electron/core/create-core';
import { newId } from '../../shared/ids';
import { seededRandom } from './crash-random';
import {
  type CrashChildConfig,
  crashChildConfigSchema,
  formatBegin,
  formatDone,
  type SaleLineSpec,
} from './crash-sale-protocol';

// More than any sale here can cost (5 lines x 3 units of a product under $100.000), so cash never falls short.
const TENDERED = 100_000_000_000;

function fail(message: string): never {
  // stdout is a pipe, and pipe writes are synchronous on Linux: the line is out before the exit.
  process.stdout.write(`error ${message.replaceAll('\n', ' ')}\n`);
  process.exit(1);
}

function readConfig(): CrashChildConfig {
  const raw = process.argv[2];
  if (raw === undefined) fail('missing config argument');
  return crashChildConfigSchema.parse(JSON.parse(raw));
}

// The core answers `unknown` values; these read just the fields the child needs, checked rather than cast.
const sessionValue = z.object({ token: z.string() });
const receiptValue = z.object({ number: z.string() });

/**
 * The modules are loaded by now (static imports); the database is not touched until the parent says `go`, so the
 * parent can start this process while the previous round's child still owns the file.
 */
function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let received = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('go\n')) resolve();
    });
    // If the parent dies, its end of stdin closes: stop rather than sell into an orphaned folder for ever.
    process.stdin.on('end', () => process.exit(2));
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const random = seededRandom(config.seed);
  setTimeout(() => process.exit(3), config.maxRunMs).unref();
  await waitForGo();

  const core = await createCore({ dataDir: config.dataDir });
  // Sessions live in memory, so the setup session died with the parent's core: log in like a cashier would.
  const login = await core.call('users.login', { session: null, input: { userId: config.userId, pin: config.pin } });
  if (!login.ok) fail(`login: ${login.code} ${login.message}`);
  const session = sessionValue.parse(login.value).token;
  process.stdout.write('ready\n');

  const indexes = config.productIds.map((_, i) => i);
  for (;;) {
    const lines: SaleLineSpec[] = random
      .pick(indexes, random.int(1, 5))
      .map((productIndex) => ({ productIndex, quantity: random.int(1, 3) }));
    const saleId = newId();
    process.stdout.write(formatBegin(saleId, lines));
    const result = await core.call('sales.complete', {
      session,
      input: {
        saleId,
        lines: lines.map((l) => ({ productId: config.productIds[l.productIndex], quantity: l.quantity })),
        payment: { method: 'cash', tendered: TENDERED },
      },
    });
    if (!result.ok) fail(`sales.complete: ${result.code} ${result.message}`);
    process.stdout.write(formatDone(saleId, receiptValue.parse(result.value).number));
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
