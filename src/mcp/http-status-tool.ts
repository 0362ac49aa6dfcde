/**
 * The MCP endpoint's one tool, `http_status`: what a status code is, from the registry in src/data
 * (the one home of reason phrases and registry facts) and the unofficial codes beside it, with the
 * address of its page on this server. Pure text from data: nothing is fetched, nothing is stored.
 */
import { statusClassNames, statusClassOf } from "../data/status-classes.ts";
import { registeredCode, unofficialCodes } from "../data/status-registry.ts";
import { sitePath } from "../site-config.ts";

/** The tool's name and description, as tools/list shows them. */
export const httpStatusTool = {
  name: "http_status",
  title: "Explain an HTTP status code",
  description:
    "Explains an HTTP status code (100-599): its reason phrase and standing in the IANA HTTP Status Code Registry, the RFC that defines it, its class (RFC 9110 §15), and the HTTP Status Lab page about it.",
} as const;

/**
 * The explanation of `code` as text: a registered code with its phrase, standing, reference and
 * page (under `pageOrigin` + the site's base path); an unofficial code with the product that uses
 * it; any other code as unregistered. `code` is an integer from 100 to 599 (the tool's schema).
 */
export function explainStatus(code: number, pageOrigin: string, basePath: string): string {
  const kind = `${statusClassOf(code)} ${statusClassNames[statusClassOf(code)]} (RFC 9110 §15)`;
  const registered = registeredCode(code);
  if (registered !== undefined) {
    const page = new URL(sitePath(basePath, `status/${code}/`), pageOrigin).href;
    const lines = [
      `${code} ${registered.reasonPhrase}`,
      `Class: ${kind}.`,
      `Standing in the IANA registry: ${registered.standing}. Defined in ${registered.reference}.`,
    ];
    if (registered.note !== undefined) lines.push(registered.note);
    lines.push(`Page: ${page}`);
    return lines.join("\n");
  }
  const unofficial = unofficialCodes.find((entry) => entry.code === code);
  if (unofficial !== undefined)
    return [
      `${code} ${unofficial.reasonPhrase} (not registered: used by ${unofficial.usedBy})`,
      `Class: ${kind}.`,
      unofficial.use,
      `Reference: ${unofficial.reference}`,
    ].join("\n");
  return `${code} is not in the IANA HTTP Status Code Registry. Class: ${kind}: a client that does not know a code treats it as the x00 code of its class (RFC 9110 §15).`;
}
