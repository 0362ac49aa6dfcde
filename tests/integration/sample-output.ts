/**
 * What the sample tests normalise, and nothing more. Two levels:
 * - `recordedOutput` is what goes into a .out or exchange.http file: the test server's address
 *   becomes the `http://localhost:4321` the samples are written for, the Date field a fixed date,
 *   the security fields the live server adds to every API answer (src/server/security-headers.ts,
 *   README) are left out, since they teach nothing about the status at hand (a handler's own
 *   policy stays), and CRLF line ends LF (the pages show these files; a stray CR is noise in
 *   diffs);
 * - `comparableOutput` further replaces what differs on every run by construction: Digest nonces,
 *   opaque values, client nonces and responses (fresh each time, RFC 7616 §3.3, §3.4), durations
 *   in ms, and curl's version in User-Agent (the request is the same whichever curl sends it).
 *   Recordings keep their real values; a file is rewritten only when its comparable form changed.
 */

import { securityHeaders } from "../../src/server/start-server.ts";

/** The origin every sample is written for (README: `npm start` serves it). */
export const sampleOrigin = "http://localhost:4321";

/** The fixed value recordings show for Date (RFC 9110 §6.6.1), which otherwise changes every second. */
export const recordedDate = "Sat, 28 Nov 2026 12:00:00 GMT";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The lines of the fields the live server adds to every API answer, exactly as it sends them. */
const serverFields = new RegExp(
  Object.entries(securityHeaders("data"))
    .map(([name, value]) => `^${escape(name)}:[ \\t]*${escape(value)}[ \\t]*\\n`)
    .join("|"),
  "gim",
);

/** `testOrigin` is where the samples really ran, such as `http://127.0.0.1:41234`. */
export function recordedOutput(text: string, testOrigin: string): string {
  const { host } = new URL(testOrigin);
  return text
    .replace(/\r\n/g, "\n")
    .replace(new RegExp(escape(testOrigin), "g"), sampleOrigin)
    .replace(new RegExp(`(?<![\\w.:-])${escape(host)}(?![\\w:])`, "g"), new URL(sampleOrigin).host)
    .replace(/^(date:[ \t]*).*$/gim, `$1${recordedDate}`)
    .replace(serverFields, "");
}

/** A recording or a fresh run's output (already recorded), in the form the tests compare. */
export function comparableOutput(recorded: string): string {
  return recorded
    .replace(
      /\b(c?nonce|opaque|response)=(?:"[^"]*"|[^\s,"]+)/gi,
      (_, name: string) => `${name}=<${name.toLowerCase()}>`,
    )
    .replace(/\b\d+(?:\.\d+)?[ \t]?ms\b/g, "<duration>")
    .replace(/^(user-agent:[ \t]*curl\/)\S+/gim, "$1<version>")
    .trimEnd();
}
