/**
 * `npm run probe -- <url> [--user <name> --password <secret> | --token <token>] [--json]`:
 * checks a server's 401 handshake against the RFCs (run-probe.ts) and prints a cited report.
 * Exit status: 0 nothing wrong, 1 an error-level finding (or the credentials were refused),
 * 2 usage error or no answer.
 */
import { parseArgs } from "node:util";
import { formatReport, probeExitCode } from "./format-report.ts";
import { oauthClientMain } from "./oauth-client-mode.ts";
import { createProbeSend } from "./probe-http.ts";
import { runProbe } from "./run-probe.ts";

export const usage = `Usage: npm run probe -- <url> [options]

Requests <url> without credentials, checks the 401 and its challenges, follows an OAuth
resource_metadata chain (RFC 9728, RFC 8414), and with credentials answers the challenge.

  --user <name>        user name for Basic or Digest (with --password)
  --password <secret>  password for Basic or Digest
  --token <token>      a Bearer token (RFC 6750)
  --json               print the report as JSON
  --insecure           accept a TLS certificate the system does not trust
  --timeout <seconds>  per request (default 10; the whole probe gets 3 times as long)
  --oauth-client       run the whole OAuth flow as an MCP client instead (--oauth-client --help)
  --help               this text

Exit status: 0 no error found, 1 an error-level finding or refused credentials, 2 no answer.`;

export async function main(argv: readonly string[], print: (text: string) => void): Promise<number> {
  // The OAuth client mode has its own options (oauth-client-mode.ts).
  if (argv.includes("--oauth-client")) return oauthClientMain(argv, print);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        user: { type: "string" },
        password: { type: "string" },
        token: { type: "string" },
        json: { type: "boolean" },
        insecure: { type: "boolean" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    print(usage);
    return 0;
  }
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
  print(values.json === true ? JSON.stringify(report, null, 2) : formatReport(report));
  return probeExitCode(report);
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2), (text) => console.log(text));
}
