/** A tiny argv parser (node:util's parseArgs is a Node built-in, so not available in the bundle). */

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  positionals: string[];
}

/**
 * `spec` maps each option name (without `--`) to 'flag' (boolean) or 'value' (takes one argument,
 * as `--name value` or `--name=value`). Unknown options, repeated options and missing values are
 * usage errors. `--` ends option parsing.
 */
export function parseArgs(argv: string[], spec: Record<string, 'flag' | 'value'>): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (out.flags.has(name) || out.values.has(name)) throw new UsageError(`option --${name} given twice`);
    if (kind === 'flag') {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
      out.flags.add(name);
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
      out.values.set(name, value);
    }
  }
  return out;
}
