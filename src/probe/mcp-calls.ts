/**
 * The calls an MCP client makes over Streamable HTTP (MCP 2025-11-25, Transports), as the OAuth
 * client's resource calls (src/sandbox/oauth-flow.ts): initialize, notifications/initialized,
 * tools/list and, when asked, one tools/call. JSON-RPC 2.0 in POST bodies; the answer is JSON or
 * a text/event-stream whose events carry the JSON-RPC response; the session id the server gives
 * (Mcp-Session-Id) and the negotiated version (MCP-Protocol-Version) go with every later request.
 */
import { combinedField, isJsonObject, shorten, type Exchange } from "../http/index.ts";
import type { ResourceCall, ResourceCalls } from "../sandbox/index.ts";

/** The revision this client speaks first (MCP 2025-11-25, Lifecycle: the client sends the latest it supports). */
export const mcpProtocolVersion = "2025-11-25";

/** The JSON-RPC messages of an answer: the JSON body, or each event's data of an event stream (WHATWG HTML, Server-sent events). */
export function jsonRpcMessages(contentType: string | undefined, body: string): unknown[] {
  const parse = (text: string): unknown[] => {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value : [value];
    } catch {
      return [];
    }
  };
  if (!/^\s*text\/event-stream\b/i.test(contentType ?? "")) return parse(body);
  const messages: unknown[] = [];
  for (const event of body.replace(/\r\n?/g, "\n").split("\n\n")) {
    const data = event
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""));
    if (data.length > 0) messages.push(...parse(data.join("\n")));
  }
  return messages;
}

/** The JSON-RPC response to request `id` in an answer: its result, or its error as a sentence. */
export function jsonRpcResult(exchange: Exchange, id: number): { result: Record<string, unknown> } | { error: string } {
  const contentType = combinedField(exchange.response.headers, "content-type")?.value;
  const response = jsonRpcMessages(contentType, exchange.response.body).find(
    (message) => isJsonObject(message) && message["id"] === id,
  );
  if (!isJsonObject(response)) return { error: `no JSON-RPC response with id ${id} in the answer` };
  const error = response["error"];
  if (isJsonObject(error))
    return { error: `JSON-RPC error ${String(error["code"])}: ${shorten(String(error["message"]), 300)}` };
  const result = response["result"];
  return isJsonObject(result) ? { result } : { error: "a JSON-RPC response without a result object" };
}

/** What the client asks for, in order. */
type Phase = "initialize" | "initialized" | "tools/list" | "tools/call" | "done";

/** The MCP client's calls; `tool` is called (with no arguments) after tools/list when the server lists it. */
export function mcpCalls(options: { tool?: string } = {}): ResourceCalls {
  let phase: Phase = "initialize";
  let sessionId: string | undefined;
  let version: string | undefined;
  let tools: string[] = [];

  const headers = (): Array<[string, string]> => {
    const list: Array<[string, string]> = [
      ["Content-Type", "application/json"],
      ["Accept", "application/json, text/event-stream"],
    ];
    if (version !== undefined) list.push(["MCP-Protocol-Version", version]);
    if (sessionId !== undefined) list.push(["Mcp-Session-Id", sessionId]);
    return list;
  };
  const request = (label: string, id: number | undefined, method: string, params: object): ResourceCall => ({
    label,
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ jsonrpc: "2.0", ...(id === undefined ? {} : { id }), method, params }),
  });

  /** Reads the answer to the call of `phase`; a sentence when the client cannot go on. */
  const read = (exchange: Exchange): string | undefined => {
    if (phase === "initialized") return undefined;
    const answer = jsonRpcResult(exchange, phase === "initialize" ? 1 : phase === "tools/list" ? 2 : 3);
    if ("error" in answer) return `The MCP server answered ${phase} with ${answer.error}.`;
    if (phase === "initialize") {
      sessionId = combinedField(exchange.response.headers, "mcp-session-id")?.value;
      const agreed = answer.result["protocolVersion"];
      version = typeof agreed === "string" ? agreed : mcpProtocolVersion;
    }
    if (phase === "tools/list") {
      const listed = answer.result["tools"];
      tools = Array.isArray(listed)
        ? listed.flatMap((tool) => (isJsonObject(tool) && typeof tool["name"] === "string" ? [tool["name"]] : []))
        : [];
    }
    return undefined;
  };

  return {
    next(previous) {
      if (previous !== undefined) {
        const problem = read(previous);
        if (problem !== undefined) return { refused: problem };
        phase = following(phase, options.tool !== undefined && tools.includes(options.tool));
      }
      return callOf(phase, request, options.tool ?? "", tools);
    },
  };
}

/** The phase after `phase`: tools/call only when the tool asked for is listed. */
function following(phase: Phase, callTool: boolean): Phase {
  if (phase === "initialize") return "initialized";
  if (phase === "initialized") return "tools/list";
  if (phase === "tools/list" && callTool) return "tools/call";
  return "done";
}

/** The request of a phase, with the note for its answer. */
function callOf(
  phase: Phase,
  request: (label: string, id: number | undefined, method: string, params: object) => ResourceCall,
  tool: string,
  tools: string[],
): ResourceCall | undefined {
  if (phase === "initialize")
    return {
      ...request("Sent initialize", 1, "initialize", {
        protocolVersion: mcpProtocolVersion,
        capabilities: {},
        clientInfo: { name: "http-status-lab-probe", version: "1.0.0" },
      }),
      accepted: (exchange) => {
        const answer = jsonRpcResult(exchange, 1);
        if ("error" in answer) return `A 2xx, but no MCP answer: ${answer.error}.`;
        return `The MCP server initialized the session${combinedField(exchange.response.headers, "mcp-session-id") === undefined ? "" : " and gave it an Mcp-Session-Id"}.`;
      },
    };
  if (phase === "initialized")
    return {
      ...request("Sent notifications/initialized", undefined, "notifications/initialized", {}),
      accepted: () => "A notification has no answer but its status (202 Accepted, MCP 2025-11-25, Transports).",
    };
  if (phase === "tools/list")
    return {
      ...request("Asked for tools/list", 2, "tools/list", {}),
      accepted: (exchange) => {
        const answer = jsonRpcResult(exchange, 2);
        const listed = "result" in answer && Array.isArray(answer.result["tools"]) ? answer.result["tools"].length : 0;
        return `The server lists ${listed} tool${listed === 1 ? "" : "s"}.`;
      },
    };
  if (phase === "tools/call")
    return {
      ...request(`Called the tool ${tool}`, 3, "tools/call", { name: tool, arguments: {} }),
      accepted: () => `The tool ${tool} answered (one of ${tools.length} listed).`,
    };
  return undefined;
}
