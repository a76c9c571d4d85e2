import type { ValidationIssue } from './errors';
import { assertCentavos, type Centavos, sumCentavos } from './money';
import { amountLimitMessage, totalLimitMessage, withinBound } from './money-bounds';
import { type IvaBreakdownRow, type IvaRateBp, ivaBreakdown, splitGross } from './tax';

export interface PricedLineInput {
  unitPrice: Centavos;
  quantity: number;
  ivaRateBp: IvaRateBp;
}

export interface PricedLine extends PricedLineInput {
  lineTotal: Centavos;
  lineNet: Centavos;
  lineIva: Centavos;
}

export interface SaleTotals<L extends PricedLineInput = PricedLineInput> {
  lines: (L & PricedLine)[];
  total: Centavos;
  ivaBreakdown: IvaBreakdownRow[];
}

/**
 * The first of a ticket's amounts past its bound (shared/money-bounds.ts), as the request's issue, or null: a unit
 * price (a product stored before prices had a bound), a line, then the total. Checked line by line before adding
 * up, so every number computed on the way stays exact; computeSaleTotals then cannot fail on the ticket.
 */
export function saleBoundsIssue(lines: readonly PricedLineInput[]): ValidationIssue | null {
  let total = 0;
  for (const [index, line] of lines.entries()) {
    if (!withinBound(line.unitPrice, 'unitPrice')) {
      return { path: `lines.${index}`, message: amountLimitMessage('unitPrice') };
    }
    const lineTotal = line.unitPrice * line.quantity;
    if (!withinBound(lineTotal, 'lineTotal'))
      return { path: `lines.${index}`, message: amountLimitMessage('lineTotal') };
    total += lineTotal;
  }
  return withinBound(total, 'saleTotal') ? null : { path: 'lines', message: totalLimitMessage('saleTotal') };
}

/** One definition of a ticket's arithmetic, used by the POS screen for display and by the core for the record. */
export function computeSaleTotals<L extends PricedLineInput>(lines: readonly L[]): SaleTotals<L> {
  const priced = lines.map((line) => {
    assertCentavos(line.unitPrice, 'unit price');
    if (!Number.isSafeInteger(line.quantity) || line.quantity === 0) {
      throw new RangeError(`quantity must be a non-zero integer, got ${line.quantity}`);
    }
    const lineTotal = line.unitPrice * line.quantity;
    assertCentavos(lineTotal, 'line total');
    const split = splitGross(lineTotal, line.ivaRateBp);
    return { ...line, lineTotal, lineNet: split.net, lineIva: split.iva };
  });
  return {
    lines: priced,
    total: sumCentavos(priced.map((l) => l.lineTotal)),
    ivaBreakdown: ivaBreakdown(
      priced.map((l) => ({ rateBp: l.ivaRateBp, gross: l.lineTotal, net: l.lineNet, iva: l.lineIva })),
    ),
  };
}

/** Cash may exceed the total; the difference is the change. Anything short of the total is refused. */
export function cashChange(total: Centavos, tendered: Centavos): Centavos | null {
  assertCentavos(total, 'total');
  assertCentavos(tendered, 'tendered');
  return tendered >= total ? tendered - total : null;
}
