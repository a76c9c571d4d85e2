import { inspect } from 'node:util';
import type { Logger } from '../core/core.types';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Browser mode's logger: one line per entry on stderr, so stdout carries only the ready line a launcher (or a
 * test) waits for. Debug lines appear only with `TECHSTORE_LOG_LEVEL=debug`.
 */
export function createStderrLogger(
  scope: string,
  minimum: Level = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LEVELS.indexOf(minimum);
  const emit = (level: Level, message: string, meta: unknown[]) => {
    if (LEVELS.indexOf(level) < threshold) return;
    const details = meta.map((item) => inspect(item, { depth: 4, breakLength: Number.POSITIVE_INFINITY })).join(' ');
    write(`${new Date().toISOString()} [${level}] (${scope}) ${message}${details ? ` ${details}` : ''}\n`);
  };
  return {
    debug: (message, ...meta) => emit('debug', message, meta),
    info: (message, ...meta) => emit('info', message, meta),
    warn: (message, ...meta) => emit('warn', message, meta),
    error: (message, ...meta) => emit('error', message, meta),
  };
}

export function logLevelFrom(value: string | undefined): Level {
  return LEVELS.find((level) => level === value) ?? 'info';
}
