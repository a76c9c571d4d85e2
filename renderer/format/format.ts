import { useMemo } from 'react';
import type { Centavos } from '../../shared/money';
import { type Locale, useLocaleStore } from '../i18n/locale.store';

/** Money is integer centavos; dividing by 100 happens here, for display only. */
export interface Formatters {
  money: (centavos: Centavos) => string;
  dateTime: (iso: string) => string;
  /** An IVA rate in basis points as a percentage number: 1050 -> "10,5" (es-AR). */
  rate: (basisPoints: number) => string;
  integer: (value: number) => string;
}

/**
 * Argentine tickets and screens read the 24-hour clock and a four-digit year ("27/11/2026, 21:05"); es-AR's
 * short styles would print "27/11/26, 9:05 p. m.". English keeps its month-first order on the same clock.
 */
export const STORE_DATE_TIME: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

export function makeFormatters(locale: Locale): Formatters {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'ARS' });
  const dateTime = new Intl.DateTimeFormat(locale, STORE_DATE_TIME);
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return {
    money: (centavos) => money.format(centavos / 100),
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
    rate: (basisPoints) => rate.format(basisPoints / 100),
    integer: (value) => integer.format(value),
  };
}

export function useFormat(): Formatters {
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(() => makeFormatters(locale), [locale]);
}
