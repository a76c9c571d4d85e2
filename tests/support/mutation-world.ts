import type { Role } from '../../shared/contract/common.schemas';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { CommittedRecord, Result } from '../../shared/errors';
import type { InputDraw } from './seeded-input';

/** A person the run knows: as the Usuarios list last showed them, with the PIN the run last gave them. */
export interface WorldUser {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  /** No home store: a chain admin, whom no terminal may change. */
  chainAdmin: boolean;
  /** Null when the run cannot know it (set by a call answered COMMITTED before the run could learn it). */
  pin: string | null;
}

/**
 * What a property run over the mutating channels knows of the records it made, so that its inputs name real
 * records most of the time (a payment on an existing customer, a part on an order on the bench) and its reads can
 * look at every record a call touched.
 */
export interface World {
  sessions: Record<Role, string>;
  /** The user logged in behind each role's session. */
  actors: Partial<Record<Role, string>>;
  /** The store's people and the chain's admins. */
  users: WorldUser[];
  /** Users of another store the file holds: no channel here may show or change them. */
  outsiders: string[];
  products: string[];
  barcodes: string[];
  customers: string[];
  orders: string[];
  /** The statuses an order may move to, as its last answer said. */
  orderMoves: Map<string, RepairDetail['allowedTransitions']>;
  orderStatus: Map<string, RepairDetail['status']>;
  orderNumbers: Map<string, string>;
  sales: string[];
  alerts: number[];
  /** Ids a call chose that a retry may send again: account entries, repair events. */
  usedIds: string[];
}

export function emptyWorld(sessions: Record<Role, string>): World {
  return {
    sessions,
    actors: {},
    users: [],
    outsiders: [],
    products: [],
    barcodes: [],
    customers: [],
    orders: [],
    orderMoves: new Map(),
    orderStatus: new Map(),
    orderNumbers: new Map(),
    sales: [],
    alerts: [],
    usedIds: [],
  };
}

/** A read the generator may make before drawing (a balance to pay); reads write nothing. */
export type Peek = <C extends ChannelName>(channel: C, input: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export interface Drawn {
  input: unknown;
  /** Who calls; the admin when absent. */
  as?: Role;
}

export interface MutationGenerator<C extends ChannelName> {
  draw(draw: InputDraw, world: World, peek: Peek): Drawn | Promise<Drawn>;
  /** Learns what an accepted call made. */
  absorb?(world: World, value: ResponseOf<C>, input: unknown, as: Role): void;
  /**
   * Learns what a call answered COMMITTED saved, from its input and the record the answer names (no answer was
   * built): a PIN set, a user created.
   */
  saved?(world: World, input: unknown, as: Role, record: CommittedRecord | null): void;
  /**
   * The tables a refused call may still write, and why (a wrong PIN leaves its audit event): the refusal check
   * ignores them and the data version.
   */
  refusalTrace?: readonly string[];
}

export type MutationGenerators = { [C in ChannelName]?: MutationGenerator<C> };

export function remember(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

/** An active user of `role` whose PIN the run knows (a manager to approve an override), if there is one. */
export function knownUser(world: World, role: Role): WorldUser | undefined {
  return world.users.find((u) => u.role === role && u.active && u.pin !== null);
}

export function noteOrder(world: World, detail: RepairDetail): void {
  remember(world.orders, detail.id);
  world.orderMoves.set(detail.id, detail.allowedTransitions);
  world.orderStatus.set(detail.id, detail.status);
  world.orderNumbers.set(detail.id, detail.number);
}

export function field(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every UUID anywhere in a value (an input, an answer), depth-first, at most `limit` of them. */
export function uuidsIn(value: unknown, limit = 200): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0 && found.size < limit) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (UUID.test(next)) found.add(next);
    } else if (Array.isArray(next)) {
      stack.push(...next.slice(0, 50));
    } else if (typeof next === 'object' && next !== null) {
      stack.push(...Object.values(next).slice(0, 50));
    }
  }
  return found;
}
