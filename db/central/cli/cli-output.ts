/** Where a command writes: injected, so the commands stay testable and free of `console`. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A plain text table with a header row, columns padded to their widest cell. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `3 min ago`, `2 d ago`: what an admin scanning for a silent terminal needs, not the exact instant. */
export function formatAge(iso: string | null, nowMs: number): string {
  if (iso === null) return 'never';
  const seconds = Math.round((nowMs - Date.parse(iso)) / 1000);
  if (seconds < 0) return iso;
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** A clock skew with its sign (positive: the terminal is ahead of central). */
export function formatSkew(ms: number | null): string {
  if (ms === null) return '-';
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs} ms`;
  if (abs < 120_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  if (abs < 7_200_000) return `${sign}${Math.round(abs / 60_000)} min`;
  if (abs < 172_800_000) return `${sign}${Math.round(abs / 3_600_000)} h`;
  return `${sign}${Math.round(abs / 86_400_000)} d`;
}
