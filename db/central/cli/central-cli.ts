/**
 * `npm run central -- <command>`: what an admin runs against the central PostgreSQL. Exit codes: 0 done,
 * 1 failed, 2 wrong command line. Errors are one line on stderr; `--verbose` adds the stack.
 */
import { pathToFileURL } from 'node:url';
import { CentralAdminError } from '../central-admin';
import { parseOptions } from './cli-args';
import type { CliCommand } from './cli-command';
import { CommandFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-errors';
import { commandHelp, mainHelp } from './cli-help';
import { type CliOutput, processOutput } from './cli-output';
import { addAdminCommand } from './commands/add-admin.command';
import { addStoreCommand } from './commands/add-store.command';
import { addTerminalCommand } from './commands/add-terminal.command';
import { initCommand } from './commands/init.command';
import { revokeTerminalCommand } from './commands/revoke-terminal.command';
import { statusCommand } from './commands/status.command';
import { ConnectionTextError } from './connection-text';

export const COMMANDS: readonly CliCommand[] = [
  initCommand,
  addStoreCommand,
  addTerminalCommand,
  addAdminCommand,
  revokeTerminalCommand,
  statusCommand,
];

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Errors of this CLI and of central-admin are written for people; a server error gets its SQLSTATE as well. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof UsageError || error instanceof CommandFailure || error instanceof CentralAdminError) {
    return error.message;
  }
  if (error instanceof ConnectionTextError) return error.message;
  const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  return `${error.message}${code}`;
}

export async function runCli(
  argv: readonly string[],
  output: CliOutput,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const [name, ...rest] = argv;
    if (name === undefined) throw new UsageError('missing command (run with --help for the list)');
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = COMMANDS.find((c) => c.name === rest[0]);
      output.out(topic ? commandHelp(topic) : mainHelp(COMMANDS));
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)} (run with --help for the list)`);
    const options = parseOptions(command.name, rest, command.options);
    if (options.flags.has('help')) {
      output.out(commandHelp(command));
      return EXIT_OK;
    }
    await command.run({ options, output, env });
    return EXIT_OK;
  } catch (error) {
    const usage = error instanceof UsageError;
    output.err(`central: ${oneLine(describeFailure(error))}\n`);
    if (verbose && error instanceof Error) {
      output.err(`${error.stack ?? error.message}\n`);
      if (error.cause instanceof Error) output.err(`caused by: ${error.cause.stack ?? error.cause.message}\n`);
    }
    return usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await runCli(process.argv.slice(2), processOutput, process.env);
}
