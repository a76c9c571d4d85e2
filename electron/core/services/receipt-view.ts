import type { Receipt } from '../../../shared/contract/sales.contract';
import type { StoreHeader } from '../../../shared/contract/store.contract';
import { isIvaRate, ivaBreakdown } from '../../../shared/tax';
import type { SaleRecord } from '../repositories/sale.repository';

/**
 * The receipt model. Lines, payments, totals and the customer's balance come from stored rows only, so a reprint
 * shows exactly what was recorded; the store's header is the profile as it is now (a store that moved prints
 * its new address on an old ticket's reprint, as a paper copy from the shop would).
 */
export function toReceipt(
  record: SaleRecord,
  store: StoreHeader,
  cashierName: string,
  customer: Receipt['customer'] = null,
): Receipt {
  const { sale, lines, payments } = record;
  return {
    id: sale.id,
    number: sale.number,
    createdAt: sale.created_at,
    store,
    terminalCode: sale.terminal_code,
    cashier: { id: sale.user_id, name: cashierName },
    lines: lines.map((l) => ({
      productId: l.product_id,
      sku: l.sku,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      lineTotal: l.line_total,
      ivaRateBp: l.iva_rate_bp,
    })),
    ivaBreakdown: ivaBreakdown(
      lines.map((l) => {
        if (!isIvaRate(l.iva_rate_bp)) throw new RangeError(`stored line has an unknown IVA rate ${l.iva_rate_bp}`);
        return { rateBp: l.iva_rate_bp, gross: l.line_total, net: l.line_net, iva: l.line_iva };
      }),
    ),
    total: sale.total,
    payments: payments.map((p) =>
      p.method === 'cash'
        ? { method: p.method, amount: p.amount, tendered: p.tendered ?? p.amount, change: p.change ?? 0 }
        : { method: p.method, amount: p.amount, ...(p.reference ? { reference: p.reference } : {}) },
    ),
    customer,
  };
}
