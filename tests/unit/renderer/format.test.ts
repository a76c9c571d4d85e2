import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/format/format';

// Local wall-clock times, so the expectations hold in any time zone the suite runs in.
const evening = new Date(2026, 10, 27, 21, 5).toISOString();
const morning = new Date(2026, 0, 3, 9, 7).toISOString();

describe('date and time on receipts and lists', () => {
  it('reads the 24-hour clock with a four-digit year in es-AR', () => {
    const format = makeFormatters('es-AR');
    expect(format.dateTime(evening)).toBe('27/11/2026, 21:05');
    expect(format.dateTime(morning)).toBe('03/01/2026, 09:07');
  });

  it('keeps the English month-first order, also on the 24-hour clock', () => {
    expect(makeFormatters('en').dateTime(evening)).toBe('11/27/2026, 21:05');
  });

  it('shows a value that is not a date as it came rather than "Invalid Date"', () => {
    expect(makeFormatters('es-AR').dateTime('not-a-date')).toBe('not-a-date');
  });

  it('formats centavos as pesos the Argentine way', () => {
    expect(makeFormatters('es-AR').money(12_345_678).replace(/\s/g, ' ')).toBe('$ 123.456,78');
  });
});
