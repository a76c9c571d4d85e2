import { CHANNEL_NAMES, type ChannelName, contract } from '../../shared/contract/index';
import type { ErrorCode } from '../../shared/errors';
import { emptyWorld, type World } from './mutation-world';

/** One read, and the refusals that are a true answer for it (an order with no price has no balance yet). */
export interface ReadCall {
  channel: ChannelName;
  input: unknown;
  allowed?: readonly ErrorCode[];
}

/**
 * The read channels that do not look at stored records, and why they are left out of the sweep. Every other
 * read channel must be swept: a read added to the contract later fails the property test until it is.
 */
export const UNSWEPT_READS: Partial<Record<ChannelName, string>> = {
  'app.join': 'starts joining a chain (setup only): it reaches central, it reads no record',
  'sync.connect': 'connects to a central server: it reads no record',
  'users.logout': 'ends the session it is called with',
};

/** Reads of the records a call touched: each named record's own screens. */
export function recordReads(world: World, touched: ReadonlySet<string>): ReadCall[] {
  const reads: ReadCall[] = [];
  // People have no screen of their own: the Usuarios list and the login pad show them.
  if (world.users.some((u) => touched.has(u.id)) || world.outsiders.some((id) => touched.has(id))) {
    reads.push({ channel: 'users.list', input: {} }, { channel: 'users.listForLogin', input: {} });
  }
  for (const id of touched) {
    if (world.customers.includes(id)) {
      reads.push({ channel: 'customers.get', input: { id } });
      reads.push({ channel: 'customers.ledger', input: { customerId: id } });
      reads.push({ channel: 'customers.purchases', input: { customerId: id } });
    }
    if (world.products.includes(id)) reads.push({ channel: 'catalog.get', input: { id } });
    if (world.sales.includes(id)) reads.push({ channel: 'sales.get', input: { id } });
    if (world.orders.includes(id)) {
      reads.push({ channel: 'repairs.get', input: { id } });
      // CONFLICT: the order has neither a final price nor an estimate, so there is nothing to charge yet.
      reads.push({ channel: 'repairs.deliveryBalance', input: { orderId: id }, allowed: ['CONFLICT'] });
      const number = world.orderNumbers.get(id);
      if (number) reads.push({ channel: 'repairs.findByNumber', input: { text: number } });
    }
  }
  return reads;
}

/** The lists and panels every screen starts from. */
export function listReads(world: World): ReadCall[] {
  const reads: ReadCall[] = [
    { channel: 'app.status', input: {} },
    { channel: 'app.joinStatus', input: {} },
    { channel: 'users.listForLogin', input: {} },
    { channel: 'users.list', input: {} },
    { channel: 'users.me', input: {} },
    { channel: 'catalog.search', input: { query: '', limit: 200, includeArchived: true } },
    { channel: 'catalog.search', input: { query: 'pantalla' } },
    { channel: 'customers.search', input: { query: '', limit: 100, includeArchived: true } },
    { channel: 'repairs.list', input: { limit: 200 } },
    { channel: 'repairs.list', input: { overdueOnly: true } },
    { channel: 'sales.recent', input: { limit: 100 } },
    { channel: 'store.profile', input: {} },
    { channel: 'sync.status', input: {} },
    { channel: 'sync.alerts', input: {} },
    { channel: 'sync.quarantined', input: {} },
  ];
  // NOT_FOUND: the barcode's product may be archived since, and an archived product does not scan.
  for (const code of world.barcodes.slice(0, 20)) {
    reads.push({ channel: 'catalog.findByBarcode', input: { code }, allowed: ['NOT_FOUND'] });
  }
  return reads;
}

/** Every record the world knows, each through its own screens. */
export function everyRecordRead(world: World): ReadCall[] {
  return recordReads(world, new Set([...world.customers, ...world.products, ...world.sales, ...world.orders]));
}

/** Read channels that neither the sweep calls (for a world holding one record of each kind) nor UNSWEPT_READS explains. */
export function unsweptReads(): ChannelName[] {
  const probe = emptyWorld({ admin: '', manager: '', cashier: '', technician: '' });
  probe.customers.push('customer');
  probe.products.push('product');
  probe.barcodes.push('7790000000000');
  probe.sales.push('sale');
  probe.orders.push('order');
  probe.orderNumbers.set('order', 'R-T01-000001');
  const swept = new Set([...listReads(probe), ...everyRecordRead(probe)].map((read) => read.channel));
  return CHANNEL_NAMES.filter((name) => !contract[name].mutates && !swept.has(name) && !(name in UNSWEPT_READS));
}
