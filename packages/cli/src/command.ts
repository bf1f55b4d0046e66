// How a command declares its flags, help and examples, and how its command line is checked: every flag is
// known, string flags have values, positionals are counted; anything else is a usage error (exit 2).
import { parseArgs } from 'node:util';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-error.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** What the value looks like in help, e.g. `<text>`; string flags only. */
  value?: string;
  help: string;
  /** A string flag that may be given more than once (`--scope read --scope upload`): its value is a list. */
  multiple?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValues<F extends FlagSpecs> = { [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : F[K]['multiple'] extends true ? string[] : string };

export interface CommandSpec<F extends FlagSpecs> {
  /** As typed, e.g. `videos list`. */
  name: string;
  summary: string;
  /** Positional arguments as shown in help: `<file>` is required, `[words]` may be left out (only at the end). */
  positionals?: string[];
  /** Extra lines shown under the usage line. */
  description?: string[];
  flags: F;
  examples: string[];
  run(args: { flags: FlagValues<F>; positionals: string[] }, ctx: CliContext): Promise<number>;
}

export interface Command {
  name: string;
  summary: string;
  help(): string;
  execute(argv: string[], ctx: CliContext): Promise<number>;
}

/** Accepted by every command, before or after its name; main.ts takes them out before a command parses its own. */
export const GLOBAL_FLAGS = {
  api: { type: 'string', value: '<url>', help: 'control plane URL (default: $OTT_API or http://127.0.0.1:8686)' },
  help: { type: 'boolean', help: 'show this help' },
} as const satisfies FlagSpecs;

export function defineCommand<const F extends FlagSpecs>(spec: CommandSpec<F>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: () => renderCommandHelp(spec),
    async execute(argv, ctx) {
      const { values, positionals } = parseFlags(spec.name, argv, spec.flags);
      const expected = spec.positionals ?? [];
      // `<name>` is required, `[name]` may be left out (only at the end).
      const required = expected.filter((positional) => positional.startsWith('<'));
      if (positionals.length < required.length) throw new UsageError(`missing ${required.slice(positionals.length).join(' ')}`, spec.name);
      if (positionals.length > expected.length) throw new UsageError(`unexpected argument '${positionals[expected.length] ?? ''}'`, spec.name);
      // parseFlags checked every value against its declared type, which is what FlagValues<F> states.
      return spec.run({ flags: values as FlagValues<F>, positionals }, ctx);
    },
  };
}

export function parseFlags(command: string, argv: string[], flags: FlagSpecs): { values: Record<string, string | boolean | string[]>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type }]));
  const { tokens, positionals } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | string[]> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = flags[token.name];
    if (!flag) throw new UsageError(`unknown flag ${token.rawName}`, command);
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`, command);
      values[token.name] = true;
      continue;
    }
    // `--title --wait` would otherwise quietly title the video "--wait".
    if (token.value === undefined || (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-'))) {
      throw new UsageError(`${token.rawName} needs a value (write ${token.rawName}=<value> for one that starts with '-')`, command);
    }
    const previous = values[token.name];
    values[token.name] = flag.multiple ? [...(Array.isArray(previous) ? previous : []), token.value] : token.value;
  }
  return { values, positionals };
}

export function renderCommandHelp(spec: Pick<CommandSpec<FlagSpecs>, 'name' | 'summary' | 'positionals' | 'description' | 'flags' | 'examples'>): string {
  const flags: FlagSpecs = { ...spec.flags, ...GLOBAL_FLAGS };
  const usage = ['ott', spec.name, ...(spec.positionals ?? []), ...Object.entries(spec.flags).map(([name, flag]) => `[--${name}${flag.value ? ` ${flag.value}` : ''}]${flag.multiple ? '...' : ''}`)];
  const rows = Object.entries(flags).map(([name, flag]) => [`${name === 'help' ? '-h, ' : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`, flag.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `${spec.summary}`,
    '',
    `Usage: ${usage.join(' ')}`,
    ...(spec.description ? ['', ...spec.description] : []),
    '',
    'Flags:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

/** parseArgs has no required flags; this gives the same usage error for all of them. */
export function requireFlag<T>(value: T | undefined, flag: string, command: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`, command);
  return value;
}

/** Checks a flag against the values the API accepts, before a request is made. */
export function oneOf<const T extends string>(value: string | undefined, allowed: readonly T[], flag: string, command: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`, command);
}
