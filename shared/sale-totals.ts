import { assertCentavos, type Centavos, sumCentavos } from './money';
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
