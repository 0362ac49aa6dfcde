import type { IncomingMessage, ServerResponse } from "node:http";
import { createProbeSend } from "../probe/probe-http.ts";
import { credentialProblem } from "../probe/credential-text.ts";
import { runProbe } from "../probe/run-probe.ts";
import type { Site } from "./answer-request.ts";
import { isLoopbackHostField, probeAccess } from "./probe-access.ts";
import { readRequestBody } from "./read-request-body.ts";

/** Where the probe page posts: `<base>probe/report` (outside `<base>api/`, which the service worker answers). */
export const probeReportPath = (basePath: string) => `${basePath}probe/report`;

/** Probes at the same time, per server; more get 429. */
const maxConcurrent = 2;
let running = 0;

function json(out: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  out.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
    ...headers,
  });
  out.end(text);
}

const refuse = (out: ServerResponse, status: number, error: string, headers?: Record<string, string>) =>
  json(out, status, { error }, headers);

/** Why this request may not use the probe: [status, sentence, fields], or undefined. */
function refusal(site: Site, message: IncomingMessage): [number, string, Record<string, string>] | undefined {
  const close = { Connection: "close" };
  if (message.method !== "POST") {
    return [405, "Send the probe request with POST, as the probe page does.", { Allow: "POST", ...close }];
  }
  const access = probeAccess(site.fallbackHost, process.env["PROBE"], site.lan);
  if (!access.enabled) return [403, access.reason, close];
  const host = message.headers.host;
  if (access.targets === "any" && !isLoopbackHostField(host)) {
    return [403, "This server listens on loopback: reach it as localhost or 127.0.0.1 to use the probe.", close];
  }
  const origin = message.headers.origin;
  if (origin !== undefined && origin !== `http://${host ?? ""}` && origin !== `https://${host ?? ""}`) {
    return [403, "The probe answers only its own page (the Origin is another site).", close];
  }
  const mediaType = (message.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return [415, 'Send the probe request as JSON (Content-Type: application/json): {"url": "https://..."}.', close];
  }
  return undefined;
}

/** The probe's input from the JSON the page sent, or the sentence of a 400. */
function probeInput(text: string): { url: string; user?: string; password?: string; token?: string } | string {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return 'The request is not JSON. Send {"url": "https://..."}.';
  }
  const fields = (input ?? {}) as Record<string, unknown>;
  const field = (name: string) => (typeof fields[name] === "string" && fields[name] !== "" ? fields[name] : undefined);
  const url = field("url");
  if (url === undefined || url.length > 2048) {
    return 'Give the URL to probe as "url": an http or https URL of at most 2048 characters.';
  }
  const user = field("user");
  const token = field("token");
  const chosen = {
    url,
    ...(user === undefined ? {} : { user, password: field("password") ?? "" }),
    ...(token === undefined ? {} : { token }),
  };
  return credentialProblem(chosen) ?? chosen;
}

/**
 * POST `<base>probe/report` with `{"url", "user"?, "password"?, "token"?}`: runs the probe
 * (src/probe) and answers its report as JSON. Guarded: off or limited by probeAccess; JSON only
 * (a cross-site form cannot send it, and a cross-site fetch of it needs a preflight this server
 * never grants); an Origin must be this server's; on loopback the Host must be loopback too (a
 * DNS-rebound name is refused; on the LAN answer-request.ts refused it already, 421); 16 kB of
 * input; credentials that cannot be sent are refused with a sentence naming the character
 * (credential-text.ts); two probes at a time; each probe bounded in time, size, requests and
 * redirects (probe-http.ts). Never answers 5xx for the client's input.
 */
export async function answerProbe(site: Site, message: IncomingMessage, out: ServerResponse): Promise<void> {
  const refused = refusal(site, message);
  if (refused !== undefined) {
    refuse(out, ...refused);
    return;
  }
  const read = await readRequestBody(message, 16 * 1024);
  if (!read.ok) {
    if (read.reason === "too-large")
      refuse(out, 413, "The probe request is larger than 16 kB.", { Connection: "close" });
    else out.destroy();
    return;
  }
  const input = probeInput(read.body.toString("utf8"));
  if (typeof input === "string") {
    refuse(out, 400, input);
    return;
  }
  if (running >= maxConcurrent) {
    refuse(out, 429, "Two probes are already running on this server: try again in a few seconds.", {
      "Retry-After": "5",
    });
    return;
  }
  running++;
  try {
    const send = createProbeSend({
      targets: targetsOf(site),
      requestTimeoutMs: 5_000,
      totalTimeoutMs: 15_000,
      maxBodyBytes: 64 * 1024,
      maxRequests: 12,
    });
    json(out, 200, await runProbe({ ...input, send }));
  } finally {
    running--;
  }
}

function targetsOf(site: Site): "any" | "public-only" {
  const access = probeAccess(site.fallbackHost, process.env["PROBE"], site.lan);
  return access.enabled ? access.targets : "public-only";
}
