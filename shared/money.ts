/**
 * Money is an integer number of centavos. These helpers keep every intermediate value an exact integer and
 * refuse anything that is not one, so a float can never sneak into a total.
 */
export type Centavos = number;

export function assertCentavos(value: number, what = 'amount'): asserts value is Centavos {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of centavos, got ${value}`);
  }
}

/**
 * Integer division rounded half away from zero (2.5 -> 3, -2.5 -> -3), exact for any safe-integer operands.
 * BigInt keeps products such as `price * rate` exact even past 2^53.
 */
export function divideRoundHalfAwayFromZero(numerator: number, denominator: number): number {
  assertCentavos(numerator, 'numerator');
  assertCentavos(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('division by zero');
  return Number(divideBig(BigInt(numerator), BigInt(denominator)));
}

function divideBig(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  const q = (2n * absN + absD) / (2n * absD);
  return negative ? -q : q;
}

/** `value * numerator / denominator`, rounded once, half away from zero. */
export function mulDivRound(value: number, numerator: number, denominator: number): number {
  assertCentavos(value);
  assertCentavos(numerator, 'numerator');
  assertCentavos(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('division by zero');
  const result = divideBig(BigInt(value) * BigInt(numerator), BigInt(denominator));
  const asNumber = Number(result);
  assertCentavos(asNumber, 'result');
  return asNumber;
}

export function sumCentavos(values: readonly number[]): Centavos {
  let total = 0;
  for (const v of values) {
    assertCentavos(v);
    total += v;
  }
  assertCentavos(total, 'total');
  return total;
}

/** Cash totals may round to a step (e.g. 1000 = $10); half away from zero like every other rounding. */
export function roundToStep(amount: Centavos, step: number): Centavos {
  assertCentavos(amount);
  if (!Number.isSafeInteger(step) || step <= 0) throw new RangeError(`step must be a positive integer, got ${step}`);
  return divideRoundHalfAwayFromZero(amount, step) * step;
}
