import { COMMON_OPTIONS } from './cli-args';
import type { CliCommand } from './cli-command';

const PROGRAM = 'npm run central --';

export function mainHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'TechStore central administration: the central PostgreSQL, its stores and terminal logins.',
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    'The admin URL comes from --url or TECHSTORE_CENTRAL_ADMIN_URL; its password is never printed.',
    'Exit codes: 0 done, 1 failed, 2 wrong command line.',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  const labels = Object.entries(options).map(([name, spec]) => `--${name}${spec.value ? ` ${spec.value}` : ''}`);
  const width = Math.max(...labels.map((l) => l.length));
  const required = Object.entries(command.options)
    .filter(([, spec]) => spec.required)
    .map(([name, spec]) => `--${name} ${spec.value ?? ''}`.trimEnd());
  return [
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    `Usage: ${PROGRAM} ${command.name} ${[...required, '[options]'].join(' ')}`,
    '',
    'Options:',
    ...Object.values(options).map(
      (spec, i) => `  ${(labels[i] ?? '').padEnd(width)}  ${spec.description}${spec.required ? ' (required)' : ''}`,
    ),
    ...(command.notes && command.notes.length > 0 ? ['', ...command.notes] : []),
    '',
  ].join('\n');
}
