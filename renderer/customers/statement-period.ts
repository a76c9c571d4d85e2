/** `YYYY-MM-DD` of a local date, as an `<input type="date">` holds it. */
export function toDateInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function parseDateInput(text: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

/** The first instant of that day on the store's clock; null when the field is empty (from the beginning). */
export function startOfDay(text: string): Date | null {
  const parts = parseDateInput(text);
  return parts ? new Date(parts[0], parts[1], parts[2], 0, 0, 0, 0) : null;
}

/** The last instant of that day on the store's clock, so a statement "to today" includes today's movements. */
export function endOfDay(text: string): Date | null {
  const parts = parseDateInput(text);
  return parts ? new Date(parts[0], parts[1], parts[2], 23, 59, 59, 999) : null;
}

/** A day as the statement's period prints it: "01/05/2026" (es-AR), "05/01/2026" (en). */
export function formatDay(locale: string, date: Date): string {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
