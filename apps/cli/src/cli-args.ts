import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The command line of a CLI, by node:util parseArgs (strict): `--help` (or `-h`) prints the
 * usage and exits 0; an unknown option, a missing value or a stray argument prints what was
 * wrong and the usage, and exits 2, as command-line tools do for a usage error.
 */
export function parseCli<O extends Options>(
  tag: string,
  usage: string,
  options: O,
  allowPositionals = false,
): { values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: boolean }>>['values']; positionals: string[] } {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h', default: false } } as O;
  let parsed;
  try {
    parsed = parseArgs({ options: withHelp, allowPositionals, strict: true });
  } catch (e) {
    process.stderr.write(`[${tag}] ${(e as Error).message}\n\n${usage.trim()}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return { values: parsed.values as never, positionals: parsed.positionals };
}

/**
 * A line every `everyMs` while long work runs (on stderr, so the summary on stdout stays
 * clean): what is being done and for how long, so a big seed or import is seen to be alive.
 */
export function progress(tag: string, what: string, everyMs = 2_000): { stop(): void } {
  const started = Date.now();
  process.stderr.write(`[${tag}] ${what}…\n`);
  const timer = setInterval(() => {
    process.stderr.write(`[${tag}] ${what}… ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      process.stderr.write(`[${tag}] ${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
