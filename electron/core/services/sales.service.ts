import type { CompleteSaleRequest } from '../../../shared/contract/sales.contract';
import { formatSaleNumber } from '../../../shared/document-number';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { cashChange, computeSaleTotals } from '../../../shared/sale-totals';
import { isIvaRate } from '../../../shared/tax';
import type { CoreContext } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { findProductsByIds } from '../repositories/product.repository';
import {
  findSaleRecord,
  insertSaleRecord,
  recentSales,
  type SaleRecord,
  takeNextNumber,
} from '../repositories/sale.repository';
import { insertStockMovements } from '../repositories/stock.repository';
import { findUserById } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { toReceipt } from './receipt-view';

type SalesHandlers = Pick<Handlers, 'sales.complete' | 'sales.get' | 'sales.recent'>;

const SALE_SERIES = 'sale';

function sameLines(record: SaleRecord, lines: CompleteSaleRequest['lines']): boolean {
  return (
    record.lines.length === lines.length &&
    record.lines.every((l, i) => l.product_id === lines[i]?.productId && l.quantity === lines[i]?.quantity)
  );
}

export function createSalesHandlers(ctx: CoreContext): SalesHandlers {
  async function receiptOf(record: SaleRecord) {
    const cashier = await findUserById(ctx.db, record.sale.user_id);
    return toReceipt(record, ctx.requireTerminal().identity.storeName, cashier?.name ?? '');
  }

  /** A repeated saleId is the same sale (a retry after a lost answer), unless its lines differ: then it is a bug. */
  function replayOf(existing: SaleRecord, lines: CompleteSaleRequest['lines']): SaleRecord {
    if (!sameLines(existing, lines)) {
      throw new CoreError('CONFLICT', `sale ${existing.sale.number} already exists with other lines`);
    }
    return existing;
  }

  return {
    async 'sales.complete'(input, call) {
      const user = requireUser(call);
      const { identity } = ctx.requireTerminal();

      const earlier = await findSaleRecord(ctx.db, input.saleId);
      if (earlier) return receiptOf(replayOf(earlier, input.lines));

      const productIds = [...new Set(input.lines.map((l) => l.productId))];
      const products = new Map((await findProductsByIds(ctx.db, productIds)).map((p) => [p.id, p]));
      const priced = input.lines.map((line, index) => {
        const product = products.get(line.productId);
        if (!product) throw new CoreError('NOT_FOUND', `line ${index + 1}: no product with id ${line.productId}`);
        if (product.archived === 1) throw new CoreError('CONFLICT', `line ${index + 1}: "${product.name}" is archived`);
        const ivaRateBp = product.iva_rate_bp;
        if (!isIvaRate(ivaRateBp)) throw new RangeError(`product ${product.id} has an unknown IVA rate`);
        return { product, quantity: line.quantity, unitPrice: product.price, ivaRateBp };
      });
      const totals = computeSaleTotals(priced);
      if (input.expectedTotal !== undefined && input.expectedTotal !== totals.total) {
        throw new CoreError('CONFLICT', 'prices changed since the items were added; review the ticket');
      }
      const change = cashChange(totals.total, input.payment.tendered);
      if (change === null) {
        throw new CoreError('VALIDATION', 'the amount tendered is less than the total', [
          { path: 'payment.tendered', message: 'less than the total' },
        ]);
      }

      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const record = await writeTransaction(ctx.db, async (trx) => {
        const raced = await findSaleRecord(trx, input.saleId);
        if (raced) return replayOf(raced, input.lines);

        const sequence = await takeNextNumber(trx, SALE_SERIES);
        const sale = {
          id: input.saleId,
          number: formatSaleNumber(identity.terminalCode, sequence),
          sequence,
          store_id: identity.storeId,
          terminal_id: identity.terminalId,
          terminal_code: identity.terminalCode,
          user_id: user.id,
          customer_id: null,
          total: totals.total,
          created_at: now,
          hlc: stamp,
        };
        const lines = totals.lines.map((line, index) => ({
          id: newId(),
          sale_id: sale.id,
          line_no: index + 1,
          product_id: line.product.id,
          sku: line.product.sku,
          description: line.product.name,
          quantity: line.quantity,
          unit_price: line.unitPrice,
          line_total: line.lineTotal,
          iva_rate_bp: line.ivaRateBp,
          line_net: line.lineNet,
          line_iva: line.lineIva,
        }));
        const payments = [
          {
            id: newId(),
            sale_id: sale.id,
            method: 'cash' as const,
            amount: totals.total,
            tendered: input.payment.tendered,
            change,
            reference: null,
            created_at: now,
          },
        ];
        const movements = lines.map((line) => ({
          id: newId(),
          product_id: line.product_id,
          store_id: identity.storeId,
          quantity: -line.quantity,
          reason: 'sale' as const,
          sale_id: sale.id,
          note: '',
          user_id: user.id,
          terminal_id: identity.terminalId,
          created_at: now,
          hlc: stamp,
        }));
        await insertSaleRecord(trx, { sale, lines, payments });
        await insertStockMovements(trx, movements);
        await ctx.recordMutation(
          trx,
          'sale.complete',
          { sales: [sale], sale_lines: lines, payments, stock_movements: movements },
          stamp,
        );
        return { sale, lines, payments };
      });
      return record.sale.user_id === user.id ? toReceipt(record, identity.storeName, user.name) : receiptOf(record);
    },

    async 'sales.get'(input) {
      const record = await findSaleRecord(ctx.db, input.id);
      if (!record) throw new CoreError('NOT_FOUND', 'no sale with that id');
      return receiptOf(record);
    },

    async 'sales.recent'(input) {
      const rows = await recentSales(ctx.db, input.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          createdAt: r.created_at,
          total: r.total,
          cashierName: r.cashier_name,
          lineCount: Number(r.line_count ?? 0),
        })),
      };
    },
  };
}
