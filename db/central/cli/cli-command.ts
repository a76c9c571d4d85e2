import type { OptionSpecs, ParsedOptions } from './cli-args';
import type { CliOutput } from './cli-output';

export interface CommandContext {
  readonly options: ParsedOptions;
  readonly output: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One subcommand: its help text and options, and what it does once they parsed. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Extra lines shown after the options in `<command> --help`. */
  readonly notes?: readonly string[];
  readonly options: OptionSpecs;
  run(context: CommandContext): Promise<void>;
}
