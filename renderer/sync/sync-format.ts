import { useMemo } from 'react';
import { STORE_DATE_TIME } from '../format/format';
import { type Locale, useLocaleStore } from '../i18n/locale.store';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'second' | 'minute' | 'hour' | 'day';

/** The largest unit that keeps the number at least 1, so "90 minutes" reads as "1 hour" and "36 h" as "1 day". */
function unitOf(ms: number): { unit: Unit; size: number } {
  if (ms >= DAY) return { unit: 'day', size: DAY };
  if (ms >= HOUR) return { unit: 'hour', size: HOUR };
  if (ms >= MINUTE) return { unit: 'minute', size: MINUTE };
  return { unit: 'second', size: SECOND };
}

/** Durations and sync times for the active locale, all through Intl. */
export interface SyncFormatters {
  /** How long ago, humanely: "hace 12 minutos", "hace 3 horas" (whole units, rounded down). */
  ago: (ms: number) => string;
  /** An amount of time: "3 horas", "12 minutos" (rounded to the nearest whole unit). */
  amount: (ms: number) => string;
  /** A sync time: "18:42" today, with the date on another day. */
  when: (iso: string, now: Date) => string;
  /** A date and time in full: "27/11/2026, 18:42". */
  dateTime: (iso: string) => string;
}

export function makeSyncFormatters(locale: Locale): SyncFormatters {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const units = new Map(
    (['second', 'minute', 'hour', 'day'] as const).map((unit) => [
      unit,
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }),
    ]),
  );
  // A 24-hour clock, as a store in Argentina reads it ("18:42", not "6:42 p. m."), in both languages.
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(locale, STORE_DATE_TIME);
  const parse = (iso: string): Date | null => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
  return {
    ago: (ms) => {
      const { unit, size } = unitOf(Math.max(0, ms));
      return relative.format(-Math.floor(Math.max(0, ms) / size), unit);
    },
    amount: (ms) => {
      const { unit, size } = unitOf(Math.abs(ms));
      const format = units.get(unit);
      const value = Math.max(1, Math.round(Math.abs(ms) / size));
      return format ? format.format(value) : String(value);
    },
    when: (iso, now) => {
      const date = parse(iso);
      if (!date) return iso;
      return sameDay(date, now) ? time.format(date) : dateTime.format(date);
    },
    dateTime: (iso) => {
      const date = parse(iso);
      return date ? dateTime.format(date) : iso;
    },
  };
}

export function useSyncFormat(): SyncFormatters {
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(() => makeSyncFormatters(locale), [locale]);
}
