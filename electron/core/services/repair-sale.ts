import type { Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { UserSummary } from '../../../shared/contract/common.schemas';
import { CoreError } from '../../../shared/errors';
import { type RepairDeliveryBalance, repairDeliveryBalance } from '../../../shared/repair-balance';
import { computeSaleTotals } from '../../../shared/sale-totals';
import type { CoreContext } from '../core-context';
import type { LocalDb } from '../database/write-transaction';
import { findProductById, insertProduct } from '../repositories/product.repository';
import type { RepairOrderRow } from '../repositories/repair.repository';
import { newRowClocks } from '../sync/column-clocks';
import type { EventDraft } from './repair-change';
import { type SalePayload, type SalePayment, writeSale } from './sale-writer';

type ProductRow = Selectable<LocalDatabase['products']>;

/**
 * The two system service products a repair is sold through. A seña and a repair are services taxed at 21 %: a
 * seña that fixes the price is a taxable advance (so it is ticketed with its IVA when taken), and the delivery
 * ticket charges the rest, so the IVA of both tickets is the IVA of the whole price.
 *
 * Fixed ids, created on first use in the transaction that sells them and carried in that mutation (central merges
 * a create of an existing row like any other, so two terminals creating them offline converge). They are archived:
 * the catalog and the POS never offer them, `sales.complete` refuses them; only the repair desk sells them, at
 * the price it computes, and they never move stock.
 */
export const REPAIR_SERVICE_PRODUCTS = {
  deposit: { id: '01900000-0000-7000-8000-00000000a001', sku: 'SYS-SENA-REPARACION', name: 'Seña de reparación' },
  repair: { id: '01900000-0000-7000-8000-00000000a002', sku: 'SYS-REPARACION', name: 'Reparación' },
} as const;

export const REPAIR_SERVICE_PRODUCT_IDS: readonly string[] = Object.values(REPAIR_SERVICE_PRODUCTS).map((p) => p.id);

const SERVICE_IVA_BP = 2100;

async function ensureServiceProduct(
  trx: LocalDb,
  kind: keyof typeof REPAIR_SERVICE_PRODUCTS,
  stamp: string,
  now: string,
): Promise<{ product: Pick<ProductRow, 'id' | 'sku' | 'name'>; created: ProductRow | null }> {
  const spec = REPAIR_SERVICE_PRODUCTS[kind];
  const existing = await findProductById(trx, spec.id);
  if (existing) return { product: existing, created: null };
  const row: ProductRow = {
    ...spec,
    brand: '',
    category: 'Servicios',
    price: 0,
    cost: 0,
    iva_rate_bp: SERVICE_IVA_BP,
    min_stock: 0,
    serial_tracked: 0,
    archived: 1,
    created_at: now,
    updated_at: now,
    row_version: 1,
    hlc: stamp,
    col_hlc: newRowClocks('products', stamp),
    central_version: 0,
  };
  await insertProduct(trx, row);
  return { product: row, created: row };
}

export function deviceOf(order: Pick<RepairOrderRow, 'device_type' | 'brand' | 'model'>): string {
  return `${order.brand} ${order.model}`.trim() || order.device_type;
}

/** The seña amounts of a timeline ('deposit' events), as repair-view.ts totals them. */
export function depositAmounts(events: readonly { kind: string; details: string }[]): number[] {
  return events
    .filter((e) => e.kind === 'deposit')
    .map((e) => {
      const amount: unknown = (JSON.parse(e.details) as Record<string, unknown>).amount;
      return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? amount : 0;
    })
    .filter((amount) => amount > 0);
}

export function balanceOfOrder(
  order: Pick<RepairOrderRow, 'final_price' | 'estimate' | 'number'>,
  events: readonly { kind: string; details: string }[],
): Extract<RepairDeliveryBalance, { ok: true }> {
  const balance = repairDeliveryBalance({
    finalPrice: order.final_price,
    estimate: order.estimate,
    deposits: depositAmounts(events),
  });
  if (!balance.ok) {
    throw new CoreError('CONFLICT', `repair order ${order.number} has neither a final price nor an estimate`, [
      { path: 'finalPrice', message: 'no_price' },
    ]);
  }
  return balance;
}

/** Without empty arrays: the caller's own rows of the same table must not be overwritten by an empty one. */
function compact(payload: SalePayload): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, rows]) => !Array.isArray(rows) || rows.length > 0));
}

export interface RepairSaleRequest {
  order: RepairOrderRow;
  user: UserSummary;
  saleId: string;
  payment: SalePayment;
  stamp: string;
  now: string;
}

/** The seña's sale and the 'deposit' event naming it, inside the caller's transaction. */
export async function writeDepositSale(ctx: CoreContext, trx: LocalDb, request: RepairSaleRequest) {
  const { order, payment } = request;
  const { product, created } = await ensureServiceProduct(trx, 'deposit', request.stamp, request.now);
  const totals = computeSaleTotals([
    {
      product,
      quantity: 1,
      unitPrice: payment.total,
      ivaRateBp: SERVICE_IVA_BP,
      description: `Seña reparación ${order.number}`,
      movesStock: false,
    },
  ]);
  const written = await writeSale(ctx, trx, { ...request, lines: totals.lines, repairOrderId: order.id });
  const event: EventDraft = {
    kind: 'deposit',
    details: {
      amount: payment.total,
      saleId: written.record.sale.id,
      saleNumber: written.record.sale.number,
      methods: written.record.payments.map((p) => p.method),
    },
  };
  return {
    record: written.record,
    payload: { ...(created ? { products: [created] } : {}), ...compact(written.payload) },
    event,
  };
}

/** The delivery's sale: one line for the balance (price minus señas), named after the order and its device. */
export async function writeDeliverySale(ctx: CoreContext, trx: LocalDb, request: RepairSaleRequest) {
  const { order, payment } = request;
  const { product, created } = await ensureServiceProduct(trx, 'repair', request.stamp, request.now);
  const totals = computeSaleTotals([
    {
      product,
      quantity: 1,
      unitPrice: payment.total,
      ivaRateBp: SERVICE_IVA_BP,
      description: `Reparación ${order.number} — ${deviceOf(order)}`,
      movesStock: false,
    },
  ]);
  const written = await writeSale(ctx, trx, { ...request, lines: totals.lines, repairOrderId: order.id });
  const payload: Record<string, unknown> = { ...(created ? { products: [created] } : {}), ...compact(written.payload) };
  return { record: written.record, payload };
}
