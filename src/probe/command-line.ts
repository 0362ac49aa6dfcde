/**
 * A command line read with `parse` (node:util's parseArgs): what it gives, or the exit status
 * once the reader has been told what to type (2, a usage error) or shown the usage they asked for
 * with --help (0). The probe's two modes (cli.ts, oauth-client-mode.ts) read theirs this way.
 */
export function readCommandLine<Parsed extends { values: { help?: boolean | undefined } }>(
  parse: () => Parsed,
  usage: string,
  print: (text: string) => void,
): Parsed | number {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help === true) {
    print(usage);
    return 0;
  }
  return parsed;
}
