/**
 * `npm run probe -- <url> [--user <name> --password <secret> | --token <token>] [--json] [--junit <file>]`:
 * checks what a server answers against its status code's requirements and its 401 handshake
 * against the RFCs (run-probe.ts), prints a cited report, and writes JUnit XML for CI.
 * Exit status: 0 nothing wrong, 1 an error-level finding (or the credentials were refused),
 * 2 usage error or no answer.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatReport, probeExitCode } from "./format-report.ts";
import { oauthClientMain } from "./oauth-client-mode.ts";
import { toJunit } from "./junit.ts";
import { readCommandLine } from "./command-line.ts";
import { createProbeSend } from "./probe-http.ts";
import type { ProbeReport } from "./probe-types.ts";
import { runProbe } from "./run-probe.ts";

export const usage = `Usage: npm run probe -- <url> [options]

Requests <url> without credentials and checks the answer against what its status code requires
(Location, Allow, Content-Range, Retry-After, Date, ...). A 200 also gets HEAD, conditional GETs
with its ETag and Last-Modified, a Range request and OPTIONS, and its freshness (RFC 9111 §4.2).
A 401's challenges are checked, an OAuth resource_metadata chain followed (RFC 9728, RFC 8414),
and with credentials the challenge is answered.

  --user <name>        user name for Basic or Digest (with --password)
  --password <secret>  password for Basic or Digest
  --token <token>      a Bearer token (RFC 6750)
  --json               print the report as JSON (its shape: decisions/probe.md)
  --junit <file>       also write the report as JUnit XML to <file>, one testcase per check
  --insecure           accept a TLS certificate the system does not trust
  --timeout <seconds>  per request (default 10; the whole probe gets 3 times as long)
  --oauth-client       run the whole OAuth flow as an MCP client instead (--oauth-client --help)
  --help               this text

Exit status: 0 no error found, 1 an error-level finding or refused credentials, 2 no answer.`;

export async function main(argv: readonly string[], print: (text: string) => void): Promise<number> {
  // The OAuth client mode has its own options (oauth-client-mode.ts).
  if (argv.includes("--oauth-client")) return oauthClientMain(argv, print);
  const parsed = readCommandLine(
    () =>
      parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: {
          user: { type: "string" },
          password: { type: "string" },
          token: { type: "string" },
          json: { type: "boolean" },
          junit: { type: "string" },
          insecure: { type: "boolean" },
          timeout: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
      }),
    usage,
    print,
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [url] = positionals;
  if (url === undefined || positionals.length > 1) {
    print(`Give exactly one URL to probe.\n\n${usage}`);
    return 2;
  }
  if (values.token !== undefined && values.user !== undefined) {
    print("Give either --user/--password or --token, not both.");
    return 2;
  }
  const seconds = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!(seconds > 0 && seconds <= 120)) {
    print(`--timeout is "${values.timeout}": give a number of seconds from 1 to 120.`);
    return 2;
  }
  const send = createProbeSend({
    targets: "any",
    requestTimeoutMs: seconds * 1000,
    totalTimeoutMs: seconds * 3000,
    insecure: values.insecure === true,
  });
  const report = await runProbe({
    url,
    send,
    ...(values.user === undefined ? {} : { user: values.user, password: values.password ?? "" }),
    ...(values.token === undefined ? {} : { token: values.token }),
  });
  return writeReport(report, { json: values.json === true, junit: values.junit }, print);
}

/** Prints the report (text or JSON), writes the JUnit file if asked; the exit status. */
function writeReport(
  report: ProbeReport,
  output: { json: boolean; junit: string | undefined },
  print: (text: string) => void,
): number {
  print(output.json ? JSON.stringify(report, null, 2) : formatReport(report));
  if (output.junit !== undefined) {
    try {
      // Relative to where the user typed the command: npm runs scripts from the package's root.
      writeFileSync(resolve(process.env["INIT_CWD"] ?? process.cwd(), output.junit), toJunit(report));
    } catch (error) {
      print(
        `The JUnit report could not be written to ${output.junit}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 2;
    }
  }
  return probeExitCode(report);
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2), (text) => console.log(text));
}
