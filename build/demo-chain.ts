/**
 * `npm run demo:chain`: a whole chain on one machine. Starts a real PostgreSQL, initialises central, creates
 * one store and two terminals (T01 cashier, T02 bench) that each run browser mode on their own port, and
 * prints both ready lines. Press `p` to stop PostgreSQL (an outage: keep selling on both) and `p` again to
 * start it (watch them converge); Ctrl-C stops everything.
 *
 * A demo, not a deployment: the server runs with fsync off in a temporary folder that is deleted at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { addTerminal } from '../db/central/central-admin';
import { adoptStandaloneStore } from '../db/central/central-people';
import { formatConnectionText } from '../db/central/cli/connection-text';
import { initCentral } from '../db/central/migrate-central';
import type { Core } from '../electron/core/core.types';
import { createCore } from '../electron/core/create-core';
import { joinCentral } from '../electron/core/sync/join-central';
import type { ChannelName, RequestOf, ResponseOf } from '../shared/contract/index';
import { generateCatalog } from '../tests/support/catalog-generator';
import { startEmbeddedPostgres } from '../tests/support/postgres-server';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (line = '') => process.stdout.write(`${line}\n`);

async function ok<C extends ChannelName>(core: Core, channel: C, input: RequestOf<C>, session: string | null) {
  const result = await core.call(channel, { session, input });
  if (!result.ok) throw new Error(`${channel}: ${result.code} ${result.message}`);
  // The router answers with the response of the channel it was given; the contract types that pairing.
  return result.value as ResponseOf<C>;
}

async function waitUntilSynced(core: Core, session: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const status = await ok(core, 'sync.status', {}, session);
    if (status.online && status.pendingCount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the terminal did not sync within 20 s');
}

async function adminLogin(core: Core): Promise<string> {
  const { users } = await ok(core, 'users.listForLogin', {}, null);
  const admin = users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin on this terminal');
  return (await ok(core, 'users.login', { userId: admin.id, pin: '1234' }, null)).token;
}

function startHost(label: string, dataDir: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'host', 'main.ts')], {
    cwd: root,
    env: { ...process.env, TECHSTORE_DATA_DIR: dataDir, TECHSTORE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('TechStore ready at '));
      if (line) resolve({ child, line: `${label}: ${line}` });
    });
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  say('Starting PostgreSQL…');
  const server = await startEmbeddedPostgres();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE techstore_demo');
  await admin.end();
  const centralUrl = server.adminUrl.replace(/\/postgres$/, '/techstore_demo');
  const central = new pg.Client({ connectionString: centralUrl });
  await central.connect();
  await initCentral(central);
  const url = new URL(centralUrl);
  const connectionOf = (login: { role: string; password: string }) =>
    formatConnectionText({
      role: login.role,
      password: login.password,
      host: url.hostname,
      port: Number(url.port),
      database: 'techstore_demo',
    });

  const folder = mkdtempSync(path.join(tmpdir(), 'techstore-demo-chain-'));
  const t01Dir = path.join(folder, 'T01');
  const t02Dir = path.join(folder, 'T02');

  say('Setting up T01 (cashier) with a demo catalog…');
  const t01 = await createCore({ dataDir: t01Dir });
  const setup = await ok(
    t01,
    'setup.initialize',
    { storeName: 'TechStore Demo', terminalCode: 'T01', adminName: 'Admin', pin: '1234' },
    null,
  );
  for (const { product, initialStock } of generateCatalog({ count: 60, seed: 2026 })) {
    const created = await ok(t01, 'catalog.create', product, setup.token);
    if (initialStock > 0) {
      await ok(t01, 'stock.adjust', { productId: created.id, quantity: initialStock, reason: 'receipt' }, setup.token);
    }
  }
  // Central adopts T01's store and its people (`add-store --from`): its admin is a store admin, not the chain's.
  await adoptStandaloneStore(central, { code: 'DEMO', name: 'TechStore Demo', from: t01Dir });
  await ok(
    t01,
    'sync.connect',
    { connectionText: connectionOf(await addTerminal(central, { storeCode: 'DEMO', terminalCode: 'T01' })) },
    setup.token,
  );
  await waitUntilSynced(t01, setup.token);
  await t01.close();

  say('Joining T02 (bench) to the chain from central…');
  const t02Login = await addTerminal(central, { storeCode: 'DEMO', terminalCode: 'T02' });
  const t02Central = new pg.Client({ connectionString: connectionOf(t02Login) });
  await t02Central.connect();
  await joinCentral(t02Dir, t02Central, () => new Date().toISOString());
  await t02Central.end();
  const t02 = await createCore({ dataDir: t02Dir });
  const t02Session = await adminLogin(t02);
  await ok(t02, 'sync.connect', { connectionText: connectionOf(t02Login) }, t02Session);
  await t02.close();
  await central.end();

  const hosts = await Promise.all([startHost('T01 (caja)', t01Dir), startHost('T02 (taller)', t02Dir)]);
  say();
  for (const host of hosts) say(host.line);
  say();
  say(
    'Log in on either with Admin, PIN 1234. Press p to stop PostgreSQL (an outage), p again to start it; Ctrl-C ends.',
  );

  let centralDown = false;
  let busy = false;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // The terminals' folders go only after their hosts have closed their databases.
    const exited = hosts.map(
      (host) =>
        new Promise<void>((resolve) =>
          host.child.exitCode !== null ? resolve() : host.child.once('exit', () => resolve()),
        ),
    );
    for (const host of hosts) host.child.kill('SIGTERM');
    await Promise.all(exited);
    if (centralDown) await server.resume?.().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.on('data', (key: Buffer) => {
      const text = key.toString();
      if (text === '\u0003') void shutdown();
      if (text !== 'p' || busy) return;
      busy = true;
      const action = centralDown ? server.resume?.() : server.halt?.();
      void (action ?? Promise.resolve()).then(() => {
        centralDown = !centralDown;
        busy = false;
        say(
          centralDown
            ? 'PostgreSQL stopped: the terminals keep selling offline.'
            : 'PostgreSQL started: watch them converge.',
        );
      });
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo:chain failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
