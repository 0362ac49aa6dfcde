/**
 * The client command the MCP conformance suite runs (scripts/conformance.ts): the probe's OAuth
 * client mode (src/probe/oauth-client-mode.ts) against the scenario's server, the URL the suite
 * appends. The suite's context (MCP_CONFORMANCE_CONTEXT, JSON) gives pre-registered credentials
 * for auth/pre-registration; the client metadata document URL is the one the suite's CIMD
 * scenario expects as client_id (its authorization server does not fetch it). tools/call of the
 * suite's test tool: its step-up scenario asks for more scope there.
 */
import { isJsonObject } from "../src/http/index.ts";
import { oauthClientMain } from "../src/probe/oauth-client-mode.ts";

const suiteClientMetadataUrl = "https://conformance-test.local/client-metadata.json";

/** The pre-registered credentials of the suite's context, as probe options. */
function contextOptions(text: string | undefined): string[] {
  if (text === undefined) return [];
  let context: unknown;
  try {
    context = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isJsonObject(context) || typeof context["client_id"] !== "string") return [];
  const secret = context["client_secret"];
  return ["--client-id", context["client_id"], ...(typeof secret === "string" ? ["--client-secret", secret] : [])];
}

const url = process.argv.at(-1) ?? "";
process.exitCode = await oauthClientMain(
  [
    "--oauth-client",
    url,
    "--client-metadata-url",
    suiteClientMetadataUrl,
    "--call-tool",
    "test-tool",
    "--timeout",
    "5",
    ...contextOptions(process.env["MCP_CONFORMANCE_CONTEXT"]),
  ],
  (text) => console.log(text),
);
