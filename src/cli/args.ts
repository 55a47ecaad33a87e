/**
 * A small, typed command-line parser for `npm run lab -- <command> [options]`: each command
 * declares its options (type, default, help), and bad input gets an error that names the option.
 * Pure: no I/O, so it is unit-tested directly.
 */

export type OptionType = 'string' | 'int' | 'float' | 'bool';

export interface OptionSpec {
  type: OptionType;
  help: string;
  default?: string | number | boolean;
  /** placeholder shown in help, e.g. FILE */
  meta?: string;
  required?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** one or two example invocations shown in help */
  examples?: string[];
}

export type ParsedOptions = Record<string, string | number | boolean | undefined>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `--name value`, `--name=value` and `--flag` / `--no-flag` against the command's spec. */
export function parseOptions(spec: CommandSpec, argv: readonly string[]): ParsedOptions {
  const out: ParsedOptions = {};
  for (const [name, o] of Object.entries(spec.options)) out[name] = o.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`${spec.name}: unexpected argument "${arg}" (options start with --)`);
    const eq = arg.indexOf('=');
    let name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let o = spec.options[name];
    if (!o && name.startsWith('no-') && spec.options[name.slice(3)]?.type === 'bool' && value === undefined) {
      name = name.slice(3);
      o = spec.options[name];
      value = 'false';
    }
    if (!o) {
      const known = Object.keys(spec.options).map((k) => `--${k}`).join(', ');
      throw new UsageError(`${spec.name}: unknown option "--${name}". Known options: ${known}`);
    }
    if (o.type === 'bool') {
      if (value === undefined) value = 'true';
      if (value !== 'true' && value !== 'false') throw new UsageError(`${spec.name}: --${name} takes true or false, got "${value}"`);
      out[name] = value === 'true';
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${spec.name}: --${name} needs a value (${o.meta ?? o.type})`);
    }
    out[name] = convert(spec.name, name, o.type, value);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.required && out[name] === undefined) throw new UsageError(`${spec.name}: --${name} is required (${o.help})`);
  }
  return out;
}

function convert(cmd: string, name: string, type: OptionType, value: string): string | number {
  if (type === 'string') return value;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${cmd}: --${name} must be a number, got "${value}"`);
  if (type === 'int' && !Number.isInteger(n)) throw new UsageError(`${cmd}: --${name} must be a whole number, got "${value}"`);
  return n;
}

/** The help text of one command. */
export function commandHelp(spec: CommandSpec, prog: string): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const left = `  --${name}${o.type === 'bool' ? '' : ` ${o.meta ?? o.type.toUpperCase()}`}`;
    const def = o.default !== undefined ? ` (default: ${o.default})` : o.required ? ' (required)' : '';
    return `${left.padEnd(30)} ${o.help}${def}`;
  });
  const ex = spec.examples?.length ? `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}\n` : '';
  return `${prog} ${spec.name}: ${spec.summary}\n\nOptions:\n${rows.join('\n')}\n${ex}`;
}

/** The top-level help: every command with its summary. */
export function mainHelp(commands: readonly CommandSpec[], prog: string): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return `Usage: ${prog} <command> [options]    (${prog} <command> --help for its options)\n\nCommands:\n${commands
    .map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`)
    .join('\n')}\n`;
}
