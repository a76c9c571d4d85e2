import { withCheckDigit } from '../../shared/barcode';
import { newId } from '../../shared/ids';
import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../../shared/money-bounds';
import { field, knownUser, type MutationGenerators, type Peek, remember, type World } from './mutation-world';
import type { InputDraw } from './seeded-input';

/** Generators of the catalog, stock and POS channels (see mutation-world.ts). */

function barcode(d: InputDraw): unknown {
  const body = `779${String(d.rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const wrongDigit = `${body}${(Number(withCheckDigit(body).at(-1)) + 1) % 10}`;
  return d.choose([withCheckDigit(body), `INT-${d.rng.int(1, 99_999)}`], [wrongDigit, 'x'.repeat(65), '']);
}

function productFields(d: InputDraw) {
  return {
    sku: d.choose([`SKU-${d.rng.int(1, 10_000_000)}`], ['ñ', '', 'A'.repeat(41)]),
    name: d.text(1, 120),
    brand: d.text(0, 60),
    category: d.text(0, 60),
    price: d.amount(MONEY_BOUNDS.unitPrice),
    cost: d.amount(MONEY_BOUNDS.unitPrice),
    ivaRateBp: d.choose([0, 1050, 2100, 2700], [1900, -2100, 21]),
    minStock: d.choose([d.rng.int(0, 1_000)], [-1, 1_000_001, 0.5]),
    serialTracked: d.or(d.chance(0.2)),
    barcodes: Array.from({ length: d.rng.int(0, d.hostile ? 22 : 3) }, () => barcode(d)),
  };
}

/** A subset of the product's fields, each drawn like a new product's. */
function productChanges(d: InputDraw): Record<string, unknown> {
  const all = productFields(d);
  return Object.fromEntries(Object.entries(all).filter(() => d.chance(0.35)));
}

/** Sale payments for a ticket of `total`: cash, cards, transfer, on account, or nonsense in a hostile call. */
export function salePayments(d: InputDraw, total: number): unknown[] {
  if (!d.hostile) {
    const method = d.pick(['cash', 'cash', 'debit_card', 'transfer', 'customer_account'] as const);
    const card = method === 'debit_card' ? { reference: `CUPON ${d.rng.int(1, 9_999)}` } : {};
    if (total < 2 || d.chance(0.7)) return [{ method, amount: Math.max(total, 1), ...card }];
    const part = d.rng.int(1, total - 1);
    return [
      { method: 'credit_card', amount: part, reference: 'CUPON 1' },
      { method: 'cash', amount: total - part },
    ];
  }
  const count = d.rng.int(1, d.chance(0.1) ? 12 : 3);
  return Array.from({ length: count }, () => {
    const method = d.pick(['cash', 'cash', 'debit_card', 'credit_card', 'transfer', 'customer_account'] as const);
    const amount = d.chance(0.5) ? Math.max(1, Math.ceil(total / count)) : d.amount(MONEY_BOUNDS.payment, 1);
    const payment: Record<string, unknown> = { method, amount };
    if (method === 'debit_card' || method === 'credit_card' || d.chance(0.2)) payment.reference = d.text(0, 80);
    if (method === 'cash' && d.chance(0.2)) payment.tendered = d.amount(MONEY_BOUNDS.payment);
    return payment;
  });
}

function saleLines(d: InputDraw, world: World): unknown {
  if (d.hostile && d.chance(0.05)) return d.pick([[], 'none', null]);
  return Array.from({ length: d.hostile && d.chance(0.05) ? 201 : d.rng.int(1, 3) }, () => ({
    productId: d.id(world.products),
    quantity: d.count(QUANTITY_BOUNDS.saleLine),
  }));
}

async function ticketTotal(lines: unknown, peek: Peek): Promise<number | null> {
  if (!Array.isArray(lines)) return null;
  let total = 0;
  for (const line of lines.slice(0, 5)) {
    const productId = field(line, 'productId');
    const quantity = field(line, 'quantity');
    if (typeof productId !== 'string' || typeof quantity !== 'number') return null;
    const product = await peek('catalog.get', { id: productId });
    if (!product.ok) return null;
    total += product.value.price * quantity;
  }
  return lines.length <= 5 ? total : null;
}

function managerOverride(d: InputDraw, world: World): unknown {
  const manager = knownUser(world, 'manager');
  if (!manager || !d.chance(0.1)) return undefined;
  return { managerId: manager.id, pin: d.choose([manager.pin], ['0000', 1234]) };
}

export const saleGenerators: MutationGenerators = {
  'catalog.create': {
    draw: (d) => ({ input: productFields(d) }),
    absorb(world, product) {
      remember(world.products, product.id);
      for (const code of product.barcodes) remember(world.barcodes, code);
    },
  },
  'catalog.update': {
    draw: (d, world) => ({
      input: { id: d.id(world.products), changes: productChanges(d) },
      as: d.choose(['admin', 'manager'] as const, ['cashier'] as const),
    }),
    absorb(world, product) {
      for (const code of product.barcodes) remember(world.barcodes, code);
    },
  },
  'catalog.archive': {
    // Mostly brings products back: an archived product sells nothing, and the run needs products to sell.
    draw: (d, world) => ({ input: { id: d.id(world.products), archived: d.or(d.chance(0.2)) } }),
  },
  'stock.adjust': {
    draw: (d, world) => ({
      input: {
        productId: d.id(world.products),
        quantity: d.chance(0.7) ? d.count(QUANTITY_BOUNDS.stockAdjustment) : d.choose([-d.rng.int(1, 100)], [0]),
        reason: d.choose(['receipt', 'adjustment', 'count'], ['sale', 'robo']),
        note: d.text(0, 200),
      },
    }),
  },
  'sales.complete': {
    async draw(d, world, peek) {
      const retry = d.chance(0.05) && world.sales.length > 0;
      const lines = saleLines(d, world);
      const input: Record<string, unknown> = { saleId: retry ? d.pick(world.sales) : newId(), lines };
      // The ticket as priced now, when every line names a product, so that most payments can cover it.
      const total = await ticketTotal(lines, peek);
      if (d.chance(0.2)) input.payment = { method: 'cash', tendered: total ?? d.amount(MONEY_BOUNDS.payment) };
      else input.payments = salePayments(d, total ?? d.rng.int(1, 50_000_000));
      if (d.chance(0.4) || JSON.stringify(input.payments ?? []).includes('customer_account')) {
        input.customerId = d.id(world.customers);
      }
      const override = managerOverride(d, world);
      if (override) input.managerOverride = override;
      if (d.chance(0.2)) input.expectedTotal = d.hostile || total === null ? d.amount(MONEY_BOUNDS.saleTotal) : total;
      return { input, as: d.choose(['cashier', 'manager'] as const, ['technician'] as const) };
    },
    absorb: (world, receipt) => remember(world.sales, receipt.id),
  },
};
