/**
 * `npm run probe -- --oauth-client <mcp-server-url>`: the sandbox's OAuth client
 * (src/sandbox/oauth-flow.ts, the one the guide runs in the page) run in Node as an MCP client
 * (mcp-calls.ts) against a real server, through the probe's bounded sender (probe-http.ts) under
 * the probe's address policy. The authorization endpoint's login form is filled in (the demo user,
 * or --user/--password); a server that redirects straight back with a code needs no browser: the
 * client reads the code from the Location for its loopback redirect URI and loads nothing. The
 * report lists every exchange, credentials and secrets hidden (redact-credentials.ts).
 */
import { findingsAs } from "./check-catalogue.ts";
import { readCommandLine } from "./command-line.ts";
import { parseArgs } from "node:util";
import { failure, type Finding } from "../http/index.ts";
import { loadOAuthFlow, type OAuthOutcome, type OAuthStep, type OriginPolicy } from "../sandbox/index.ts";
import { addressProblem, parseAddress } from "./address-policy.ts";
import { formatReport } from "./format-report.ts";
import { mcpCalls } from "./mcp-calls.ts";
import { createProbeSend } from "./probe-http.ts";
import type { ProbeOutcome, ProbeReport, ProbeSend } from "./probe-types.ts";
import { redactOAuthExchange } from "./redact-credentials.ts";

export const oauthClientUsage = `Usage: npm run probe -- --oauth-client <mcp-server-url> [options]

Runs the whole OAuth flow as an MCP client: initialize without a token, then on the 401 the
protected resource metadata and the authorization server's (every well-known URL in MCP's order),
a client_id (pre-registered, a client metadata document, or registration), PKCE S256 with
resource, the login form, the token, the retry, tools/list, and a step-up on 403 insufficient_scope.

  --client-metadata-url <url>  this client's metadata document (its client_id where the server takes one)
  --client-id <id>             a client_id registered beforehand (with --client-secret for a confidential client)
  --client-secret <secret>
  --redirect-uri <url>         default http://127.0.0.1/callback (read from the Location, never loaded)
  --call-tool <name>           after tools/list, call this tool with no arguments
  --user <name> --password <secret>  what the client types into a login form (default the sandbox's demo user)
  --json                       print the report as JSON
  --timeout <seconds>          per request (default 10; the whole run gets 6 times as long)

Exit status: 0 the MCP server answered every call, 1 the flow stopped or was refused, 2 usage error.`;

export interface OAuthClientRun {
  url: string;
  send: ProbeSend;
  clientMetadataUrl?: string;
  preRegistered?: { clientId: string; clientSecret?: string };
  redirectUri?: string;
  tool?: string;
  login?: { username: string; password: string; oneTimeCode: string };
  /** Refuse private and loopback addresses before connecting (a probe started by a server others reach). */
  publicOnly?: boolean;
}

/** Where the client may send: http and https, and with `publicOnly` no literal address the probe's policy refuses. */
function nodePolicy(publicOnly: boolean): OriginPolicy {
  return (target) => {
    if (target.protocol !== "http:" && target.protocol !== "https:") return `not http or https (${target.protocol})`;
    if (!publicOnly || parseAddress(target.hostname) === undefined) return undefined;
    const problem = addressProblem(target.hostname);
    return problem === undefined ? undefined : `refused before connecting: ${problem}`;
  };
}

const outcomes: Record<OAuthOutcome["kind"], ProbeOutcome> = {
  authorized: "accepted",
  refused: "refused",
  stopped: "cannot-answer",
  failed: "failed",
};

/** Runs the client against `run.url` and returns the probe's report of every exchange. */
export async function runOAuthClient(run: OAuthClientRun): Promise<ProbeReport> {
  let origin: string;
  try {
    origin = new URL(run.url).origin;
  } catch {
    return report(run.url, [], { kind: "failed", message: `“${run.url}” is not an absolute URL.` });
  }
  const { runOAuthFlow } = await loadOAuthFlow();
  const sender = {
    origin,
    base: "/",
    resend: async (record: Parameters<ProbeSend>[0]) => {
      const sent = await run.send(record);
      return sent.ok ? { ok: true as const, exchange: sent.exchange } : failure(sent.message);
    },
  };
  const flow = runOAuthFlow(
    sender,
    { resource: "resource", twist: "none", refresh: false, ...(run.login === undefined ? {} : { login: run.login }) },
    {
      resourceUrl: run.url,
      redirectUri: run.redirectUri ?? "http://127.0.0.1/callback",
      ...(run.clientMetadataUrl === undefined ? {} : { clientMetadataUrl: run.clientMetadataUrl }),
      ...(run.preRegistered === undefined ? {} : { preRegistered: run.preRegistered }),
      allows: nodePolicy(run.publicOnly === true),
      calls: mcpCalls(run.tool === undefined ? {} : { tool: run.tool }),
    },
  );
  const steps: OAuthStep[] = [];
  // Bounded: the sender stops after its request cap; the loop after as many steps.
  for (let count = 0; count < 100; count++) {
    const next = await flow.next();
    if (next.done === true) return report(run.url, steps, next.value);
    steps.push(next.value);
  }
  await flow.return({ kind: "stopped", message: "" });
  return report(run.url, steps, { kind: "stopped", message: "The client stopped after 100 exchanges." });
}

/** The probe's report of a run: each step's exchange (redacted), label, note and findings. */
function report(url: string, steps: OAuthStep[], outcome: OAuthOutcome): ProbeReport {
  const findings: Finding[] = steps.flatMap((step) => step.findings);
  const count = (severity: Finding["severity"]) => findings.filter((finding) => finding.severity === severity).length;
  return {
    version: 2,
    url,
    steps: steps.map((step) => ({
      label: step.note === "" ? step.label : `${step.label}: ${step.note}`,
      exchange: redactOAuthExchange(step.exchange),
      findings: findingsAs("oauth-flow", step.findings),
      checked: ["oauth-flow"],
    })),
    challenges: [],
    outcome: { kind: outcomes[outcome.kind], message: outcome.message },
    counts: { error: count("error"), warning: count("warning"), info: count("info") },
  };
}

/** The options of `--oauth-client`, parsed; a sentence on a usage error. */
function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "oauth-client": { type: "boolean" },
      "client-metadata-url": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      "redirect-uri": { type: "string" },
      "call-tool": { type: "string" },
      user: { type: "string" },
      password: { type: "string" },
      json: { type: "boolean" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** The CLI of the mode (cli.ts dispatches `--oauth-client` here). Exit status as the usage says. */
export async function oauthClientMain(argv: readonly string[], print: (text: string) => void): Promise<number> {
  const parsed = readCommandLine(() => parseOptions(argv), oauthClientUsage, print);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [url] = positionals;
  const seconds = values.timeout === undefined ? 10 : Number(values.timeout);
  if (url === undefined || positionals.length > 1 || !(seconds > 0 && seconds <= 120)) {
    print(`Give exactly one MCP server URL, and --timeout from 1 to 120 seconds.\n\n${oauthClientUsage}`);
    return 2;
  }
  const send = createProbeSend({
    targets: "any",
    requestTimeoutMs: seconds * 1000,
    totalTimeoutMs: seconds * 6000,
    maxRequests: 60,
  });
  const clientId = values["client-id"];
  const secret = values["client-secret"];
  const result = await runOAuthClient({
    url,
    send,
    ...(values["client-metadata-url"] === undefined ? {} : { clientMetadataUrl: values["client-metadata-url"] }),
    ...(clientId === undefined
      ? {}
      : { preRegistered: { clientId, ...(secret === undefined ? {} : { clientSecret: secret }) } }),
    ...(values["redirect-uri"] === undefined ? {} : { redirectUri: values["redirect-uri"] }),
    ...(values["call-tool"] === undefined ? {} : { tool: values["call-tool"] }),
    ...(values.user === undefined
      ? {}
      : { login: { username: values.user, password: values.password ?? "", oneTimeCode: "" } }),
  });
  print(values.json === true ? JSON.stringify(result, null, 2) : formatReport(result));
  return result.outcome.kind === "accepted" ? 0 : 1;
}
