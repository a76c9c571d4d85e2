import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, ResponseOf } from '../../../shared/contract/index';
import type { Failure, Result } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS } from '../../../shared/money-bounds';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { generatorGaps, MUTATING_CHANNELS, MUTATION_GENERATORS } from '../../support/mutation-generators';
import {
  answerDisagreements,
  ensureSessions,
  seedChainAdmin,
  seedOtherStoreUser,
  staleSessions,
} from '../../support/mutation-people';
import {
  emptyWorld,
  type MutationGenerator,
  noteOrder,
  type Peek,
  uuidsIn,
  type World,
} from '../../support/mutation-world';
import { everyRecordRead, listReads, type ReadCall, recordReads, unsweptReads } from '../../support/read-sweep';
import { createInputDraw } from '../../support/seeded-input';
import { storedBoundViolations } from '../../support/stored-bounds';
import { storedPeopleViolations } from '../../support/stored-people';
import { type StoredSnapshot, StoredState } from '../../support/stored-state';

/*
 * Every mutating channel of the contract, called with seeded random inputs: valid ones up to the money bounds,
 * just past them, and absurd ones, by every role, sometimes with a failure injected right after a commit. Each role
 * holds one session, logged in again as another user of the role when a change of people ends it (and now and then
 * anyway); halfway, a chain admin arrives as sync would bring one. After each call: a refusal wrote nothing, an
 * answer after a commit says it was saved and names what is stored, every record the call touched still reads,
 * nothing stored is past its bound or breaks the rules of people (mutation-people.ts, stored-people.ts), and after
 * a change of people no session acts for someone as they no longer are.
 *
 * TECHSTORE_PROPERTY_SEED replays a run (the seed is printed on failure); TECHSTORE_PROPERTY_CALLS makes it
 * longer (npm test runs a short one).
 */
const SEED = Number(process.env.TECHSTORE_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLS = Number(process.env.TECHSTORE_PROPERTY_CALLS ?? 150);
/** A longer run on demand gets the time it needs; the default one takes a few seconds. */
const RUN_TIMEOUT_MS = Math.max(30_000, CALLS * 200);
/** Calls between two sweeps of every record and every list. */
const SWEEP_EVERY = 40;
/** Channels that hash a PIN (scrypt, slow on purpose) are drawn less often, to keep the run short. */
const SLOW: readonly ChannelName[] = [
  'users.create',
  'users.login',
  'users.resetPin',
  'users.changeOwnPin',
  'setup.initialize',
];

let h: CoreHarness;
let state: StoredState;
let world: World;
/** Users no terminal of this store may change (another store's, a chain admin), as they were put on the file. */
const untouchable = new Map<string, unknown>();
let faultArmed = false;
let faultFired = false;

function afterCommit(): void {
  if (!faultArmed) return;
  faultArmed = false;
  faultFired = true;
  throw new Error('injected: the answer could not be built after the commit');
}

function keepUntouched(id: string): void {
  untouchable.set(id, state.all('SELECT * FROM users WHERE id = ?', id)[0]);
}

/** Alerts as the sync worker caches them from central, so that acknowledging has something to acknowledge. */
function cacheAlerts(): void {
  const db = h.writable();
  const insert = db.prepare(
    "INSERT INTO central_alerts (id, kind, entity_table, entity_id, details, created_at) VALUES (?, 'negative_stock', 'products', ?, '{}', ?)",
  );
  for (const id of [1, 2]) insert.run(id, world.products[0] ?? null, '2026-03-01T10:00:00.000Z');
  db.close();
  world.alerts.push(1, 2);
}

beforeAll(async () => {
  h = await CoreHarness.open(makeTempDir(), undefined, { afterCommit });
  await h.setUp();
  state = new StoredState(h.core.databaseFile);
  world = emptyWorld({ admin: h.session ?? '', manager: '', cashier: '', technician: '' });
  const admin = (await h.ok('users.me', {})).user;
  world.actors.admin = admin.id;
  world.users.push({ ...admin, active: true, chainAdmin: false, pin: '1234' });
  // A manager, a cashier and a technician, each logged in.
  await ensureSessions(h, world, createInputDraw(SEED));
  keepUntouched(await seedOtherStoreUser(h, world));
  for (const price of [150_000, 9_999_900]) {
    const product = await h.createProduct({ price, barcodes: [] });
    world.products.push(product.id);
    await h.ok('stock.adjust', { productId: product.id, quantity: 50, reason: 'receipt' });
  }
  for (const name of ['Juan Pérez', 'Ana Gómez']) world.customers.push((await h.ok('customers.create', { name })).id);
  const order = await h.ok('repairs.intake', {
    orderId: newId(),
    customerId: world.customers[0] ?? '',
    device: { type: 'Celular', brand: 'Samsung', model: 'A54', imei: '490154203237518' },
    reportedFault: 'no carga',
    estimate: 5_000_000,
  });
  noteOrder(world, order);
  cacheAlerts();
});

afterAll(async () => {
  state?.close();
  await h?.close();
});

const peek: Peek = (channel, input) => h.call(channel, input, world.sessions.admin);

async function expectReadsAnswer(reads: readonly ReadCall[]): Promise<void> {
  for (const read of reads) {
    const result = await h.core.call(read.channel, { session: world.sessions.admin, input: read.input });
    if (result.ok) continue;
    const allowed = read.allowed ?? [];
    expect(allowed, `${read.channel} ${JSON.stringify(read.input)}: ${result.code} ${result.message}`).toContain(
      result.code,
    );
  }
}

function expectNothingWritten(before: StoredSnapshot, trace: readonly string[] | undefined): void {
  const after = state.snapshot();
  if (!trace) {
    expect(after, 'a refused call wrote').toEqual(before);
    return;
  }
  const untraced = (snapshot: StoredSnapshot) =>
    Object.fromEntries(Object.entries(snapshot.counts).filter(([table]) => !trace.includes(table)));
  expect(untraced(after), 'a refused call wrote beyond its trace').toEqual(untraced(before));
}

/** A COMMITTED answer names what the file holds: its mutations in the outbox and its record in its table. */
function expectSavedAsSaid(failure: Failure): void {
  const saved = failure.committed;
  expect(saved?.mutationIds.length ?? 0, 'COMMITTED without mutations').toBeGreaterThan(0);
  for (const id of saved?.mutationIds ?? []) {
    expect(state.all('SELECT 1 FROM outbox WHERE mutation_id = ?', id), `mutation ${id}`).toHaveLength(1);
  }
  const record = saved?.record;
  if (!record) return;
  expect(/^[a-z_]+$/.test(record.table)).toBe(true);
  expect(
    state.all(`SELECT 1 FROM ${record.table} WHERE id = ?`, record.id),
    `${record.table} ${record.id}`,
  ).toHaveLength(1);
  const lists: Partial<Record<string, string[]>> = {
    customers: world.customers,
    products: world.products,
    repair_orders: world.orders,
    sales: world.sales,
  };
  const list = lists[record.table];
  if (list && !list.includes(record.id)) list.push(record.id);
}

/** One call, checked; returns whether it was accepted. */
async function step(channel: ChannelName, draw: ReturnType<typeof createInputDraw>): Promise<boolean> {
  // The registry maps each channel to its own generator; the loop holds channels as a union.
  const generator = MUTATION_GENERATORS[channel] as MutationGenerator<ChannelName> | undefined;
  if (!generator) throw new Error(`no generator for ${channel}`);
  draw.nextCall();
  const drawn = await generator.draw(draw, world, peek);
  const session = channel === 'users.login' ? null : world.sessions[drawn.as ?? 'admin'];
  const before = state.snapshot();
  faultArmed = draw.chance(0.1);
  faultFired = false;
  let result: Result<unknown>;
  try {
    result = await h.core.call(channel, { session, input: drawn.input });
  } finally {
    faultArmed = false;
  }
  const where = `${channel} ${JSON.stringify(drawn.input)?.slice(0, 400)} as ${drawn.as ?? 'admin'}`;
  try {
    if (faultFired) expect(result.ok ? 'ok' : result.code, 'a call failed after its commit').toBe('COMMITTED');
    if (result.ok) {
      generator.absorb?.(world, result.value as ResponseOf<ChannelName>, drawn.input, drawn.as ?? 'admin');
    } else if (result.code === 'COMMITTED') {
      expect(faultFired, `${result.message}`).toBe(true);
      expectSavedAsSaid(result);
      generator.saved?.(world, drawn.input, drawn.as ?? 'admin', result.committed?.record ?? null);
    } else {
      expect(['INTERNAL'], `${result.code} ${result.message}`).not.toContain(result.code);
      expectNothingWritten(before, generator.refusalTrace);
    }
    const touched = new Set([...uuidsIn(drawn.input), ...uuidsIn(result.ok ? result.value : result)]);
    await expectReadsAnswer(recordReads(world, touched));
    const violations = [...storedBoundViolations(state), ...storedPeopleViolations(state, untouchable)];
    expect(violations, violations.join('; ')).toEqual([]);
    if (channel.startsWith('users.')) {
      const untrue = result.ok ? await answerDisagreements(h, world, result.value) : [];
      expect(untrue, untrue.join('; ')).toEqual([]);
      // A session of someone deactivated or given another role ends, whatever the answer said.
      const stale = await staleSessions(h, world);
      expect(stale, stale.join('; ')).toEqual([]);
      await ensureSessions(h, world, draw);
    }
  } catch (error) {
    const answer = result.ok ? 'ok' : `${result.code} ${result.message}`;
    throw new Error(`${where}\n  answered ${answer}\n  ${error instanceof Error ? error.message : String(error)}`);
  }
  return result.ok;
}

async function sweep(): Promise<void> {
  await expectReadsAnswer([...listReads(world), ...everyRecordRead(world)]);
}

describe('every mutating channel of the contract, at random, up to and past its bounds', () => {
  it('has a generator for each mutating channel (a new channel needs one)', () => {
    expect(generatorGaps()).toEqual({ missing: [], stray: [] });
  });

  it('sweeps every read channel, or says why not', () => {
    expect(unsweptReads()).toEqual([]);
  });

  it(
    `keeps every answer true and every record readable (seed ${SEED}, ${CALLS} calls)`,
    async () => {
      const { missing } = generatorGaps();
      expect(missing, 'mutating channels without a generator').toEqual([]);
      const draw = createInputDraw(SEED);
      const weighted = MUTATING_CHANNELS.flatMap((name) => (SLOW.includes(name) ? [name] : [name, name, name, name]));
      const accepted = new Map<ChannelName, number>();
      let call = 0;
      try {
        for (call = 1; call <= CALLS; call++) {
          // Halfway, a chain admin arrives as a sync would bring one: from then on admins come from central.
          if (call === Math.ceil(CALLS / 2)) keepUntouched(await seedChainAdmin(h, world));
          const channel = draw.pick(weighted);
          if (await step(channel, draw)) accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
          if (call % SWEEP_EVERY === 0) await sweep();
        }
        await sweep();
      } catch (error) {
        const replay = `replay with TECHSTORE_PROPERTY_SEED=${SEED} TECHSTORE_PROPERTY_CALLS=${CALLS}`;
        const what = error instanceof Error ? error.message : String(error);
        throw new Error(`seed ${SEED}, call ${call} (${replay}): ${what}`);
      }
      // A run that refused everything would prove nothing about accepted calls.
      const total = [...accepted.values()].reduce((a, b) => a + b, 0);
      expect(total, `accepted ${JSON.stringify(Object.fromEntries(accepted))}`).toBeGreaterThan(CALLS / 4);
    },
    RUN_TIMEOUT_MS,
  );

  it('still sells after the run', async () => {
    const productId = world.products[0] ?? '';
    // As whoever holds the admin's session now: the run may have passed it to another admin.
    await h.ok('catalog.archive', { id: productId, archived: false }, world.sessions.admin);
    const sale = await h.call(
      'sales.complete',
      {
        saleId: newId(),
        lines: [{ productId, quantity: 1 }],
        payment: { method: 'cash', tendered: MONEY_BOUNDS.payment },
      },
      world.sessions.admin,
    );
    expect(sale.ok, sale.ok ? '' : `${sale.code} ${sale.message}`).toBe(true);
  });
});
