import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors';

/** One option of a command: a string that takes a value or a boolean switch. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** The placeholder shown in help, e.g. `<url>`. */
  readonly value?: string;
  readonly required?: true;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', description: 'show this help' },
  verbose: { type: 'boolean', description: 'on failure, print the full error with its stack' },
};

export interface ParsedOptions {
  readonly strings: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

/**
 * Parses a command's arguments against its specs with the house's own messages: node's strict mode would
 * accept `--code --name x` as code "--name" and its errors are paragraphs, not one line.
 */
export function parseOptions(command: string, args: readonly string[], specs: OptionSpecs): ParsedOptions {
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...specs };
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(all).map(([name, spec]) => [name, { type: spec.type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const strings = new Map<string, string>();
  const flags = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'positional')
      throw new UsageError(`${command}: unexpected argument ${JSON.stringify(token.value)}`);
    if (token.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(all, token.name) ? all[token.name] : undefined;
    if (!spec) throw new UsageError(`${command}: unknown option ${token.rawName}`);
    if (strings.has(token.name) || flags.has(token.name))
      throw new UsageError(`${command}: ${token.rawName} given more than once`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${command}: ${token.rawName} takes no value`);
      flags.add(token.name);
      continue;
    }
    // A value that looks like an option means the real value was forgotten; `--name=-x` still passes one.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
      throw new UsageError(`${command}: ${token.rawName} needs a value`);
    strings.set(token.name, token.value);
  }
  if (!flags.has('help')) {
    for (const [name, spec] of Object.entries(all)) {
      if (spec.required && !strings.has(name)) throw new UsageError(`${command}: missing --${name}`);
    }
  }
  return { strings, flags };
}

/** A required option's value; parseOptions has already refused a command line without it. */
export function requiredString(options: ParsedOptions, name: string): string {
  const value = options.strings.get(name);
  if (value === undefined) throw new UsageError(`missing --${name}`);
  return value;
}
