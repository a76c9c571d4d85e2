import { assertCentavos, type Centavos, mulDivRound } from './money';

/**
 * IVA rates in basis points (2100 = 21 %). Argentina's general, reduced and zero rates, plus the 27 % that
 * some services carry. A product stores one of these; nothing else is accepted.
 */
export const IVA_RATES_BP = [0, 1050, 2100, 2700] as const;
export type IvaRateBp = (typeof IVA_RATES_BP)[number];

export function isIvaRate(value: number): value is IvaRateBp {
  return (IVA_RATES_BP as readonly number[]).includes(value);
}

export interface TaxedAmount {
  gross: Centavos;
  net: Centavos;
  iva: Centavos;
}

/**
 * Prices are final (IVA included). The IVA inside a gross amount is gross * r / (1 + r), rounded to the
 * centavo half away from zero; net is what remains, so net + iva always equals gross exactly.
 */
export function splitGross(gross: Centavos, rateBp: IvaRateBp): TaxedAmount {
  assertCentavos(gross, 'gross');
  const iva = rateBp === 0 ? 0 : mulDivRound(gross, rateBp, 10_000 + rateBp);
  return { gross, net: gross - iva, iva };
}

export interface IvaBreakdownRow extends TaxedAmount {
  rateBp: IvaRateBp;
}

/**
 * Groups already-rounded lines by rate. Totals are sums of rounded lines (DOMAIN.md: round once per line),
 * never a rate applied to a sum. Rows come out by rate, highest first, as receipts print them.
 */
export function ivaBreakdown(lines: readonly (TaxedAmount & { rateBp: IvaRateBp })[]): IvaBreakdownRow[] {
  const byRate = new Map<IvaRateBp, IvaBreakdownRow>();
  for (const line of lines) {
    const row = byRate.get(line.rateBp) ?? { rateBp: line.rateBp, gross: 0, net: 0, iva: 0 };
    row.gross += line.gross;
    row.net += line.net;
    row.iva += line.iva;
    byRate.set(line.rateBp, row);
  }
  return [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp);
}
