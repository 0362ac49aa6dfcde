/**
 * The MCP endpoint of `npm start` (decisions/mcp-endpoint.md): Streamable HTTP (MCP 2025-11-25,
 * Transports) at `<base>api/oauth/mcp`, behind the sandbox's OAuth resource server, so that the MCP
 * clients developers already run (the MCP Inspector, an SDK's client, an IDE) can be pointed at it.
 *
 * The endpoint is one of the sandbox's protected resources (oauth-paths.ts: `mcp`, scope read,
 * its own RFC 9728 metadata and RFC 8707 audience): each request is first answered by the
 * sandbox's own resource handler, and only a request it lets through reaches the official SDK's
 * server (McpServer over WebStandardStreamableHTTPServerTransport, which takes a Fetch Request and
 * gives a Response, as every handler of this project does). So a 401 with resource_metadata, a
 * 401 invalid_token for another audience or an expired token, and a 403 insufficient_scope are the
 * sandbox's own, answered by the code that answers them for every resource.
 *
 * Bounded: requests are already bounded by the server (MAX_BODY_BYTES, the body budget); sessions
 * are capped (the least recently used one is closed to make room) and closed after an idle time;
 * there are no SSE streams (GET is 405, as the transport allows, and POST answers are JSON), so
 * nothing stays open. A wrong Origin is 403 (the transport's DNS rebinding warning).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { z } from "zod";
import { isJsonObject } from "../http/index.ts";
import { oauthPaths, type ApiResponder } from "../sandbox/node.ts";
import { apiRoot } from "../site-config.ts";
import { explainStatus, httpStatusTool } from "./http-status-tool.ts";

export interface McpEndpointOptions {
  basePath: string;
  /** Whether a host (with or without port) is one of this server's names (src/server/own-names.ts). */
  isOwnHost: (host: string) => boolean;
  /** The largest request content the transport reads (the server's MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Sessions kept at once; default 64. */
  maxSessions?: number;
  /** A session unused for this long is closed; default 10 minutes. */
  sessionIdleMs?: number;
  now?: () => number;
}

export interface McpEndpoint {
  /** The API responder with the MCP endpoint in front of it. */
  respond: ApiResponder;
  /** How many sessions are open. */
  sessionCount(): number;
  /** Closes every session (on server shutdown). */
  close(): Promise<void>;
}

/** The path of the MCP endpoint for a base path: the sandbox's `mcp` resource. */
export const mcpEndpointPath = (basePath: string) => oauthPaths(apiRoot(basePath)).resource.mcp;

/** A JSON-RPC error response with no id (JSON-RPC 2.0 §5), as the transport answers its own errors. */
function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { jsonrpc: "2.0", error: { code, message }, id: null },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

/** The 403 for an Origin that is not one of this server's names (MCP 2025-11-25, Transports, security warning), or undefined. */
function originRefusal(request: Request, isOwnHost: (host: string) => boolean): Response | undefined {
  const origin = request.headers.get("origin");
  if (origin === null) return undefined;
  let host: string | undefined;
  try {
    const url = new URL(origin);
    if (url.protocol === "http:" || url.protocol === "https:") host = url.host;
  } catch {
    host = undefined;
  }
  if (host !== undefined && isOwnHost(host)) return undefined;
  return jsonRpcError(
    403,
    -32000,
    `The Origin ${JSON.stringify(origin.slice(0, 100))} is not a name of this server, so this MCP endpoint refuses it (a page rebound to this address by DNS would send its own). Connect from a client on this machine, or from a page served by this server.`,
  );
}

type Session = { server: McpServer; transport: WebStandardStreamableHTTPServerTransport; sub: string; used: number };

/** A new MCP server with the http_status tool, connected to a new stateful transport. */
async function openSession(options: McpEndpointOptions, request: Request, sub: string, now: number): Promise<Session> {
  const server = new McpServer(
    { name: "http-status-lab", title: "HTTP Status Lab", version: "0.1.0" },
    {
      instructions:
        "HTTP Status Lab's MCP endpoint, behind the sandbox's OAuth resource server: call http_status with a code to have it explained.",
    },
  );
  const origin = new URL(request.url).origin;
  server.registerTool(
    httpStatusTool.name,
    {
      title: httpStatusTool.title,
      description: httpStatusTool.description,
      inputSchema: { code: z.number().int().min(100).max(599).describe("The status code, for example 401") },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ code }) => ({ content: [{ type: "text", text: explainStatus(code, origin, options.basePath) }] }),
  );
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    enableJsonResponse: true,
    maxRequestBodySize: Math.max(1, options.maxBodyBytes),
  });
  await server.connect(transport);
  return { server, transport, sub, used: now };
}

/** Who the sandbox's resource handler says the token belongs to (its 200 JSON's sub), or "". */
async function subjectOf(allowed: Response): Promise<string> {
  const body: unknown = await allowed.json().catch(() => undefined);
  return isJsonObject(body) && typeof body["sub"] === "string" ? body["sub"] : "";
}

/**
 * `respond` with the MCP endpoint in front: requests to mcpEndpointPath go through the Origin
 * check, the sandbox's resource handler (`respond` itself, on a copy of the request) and then the
 * SDK's transport of their session; every other request goes to `respond` unchanged.
 */
export function withMcpEndpoint(respond: ApiResponder, options: McpEndpointOptions): McpEndpoint {
  const path = mcpEndpointPath(options.basePath);
  const maxSessions = options.maxSessions ?? 64;
  const idleMs = options.sessionIdleMs ?? 600_000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const drop = (id: string) => {
    const session = sessions.get(id);
    sessions.delete(id);
    if (session !== undefined) void session.server.close().catch(() => {});
  };
  const sweep = () => {
    for (const [id, session] of sessions) if (now() - session.used > idleMs) drop(id);
  };

  const answer = async (request: Request, sub: string): Promise<Response> => {
    // No stream for server-initiated messages: the transport lets a server answer GET with 405.
    if (request.method === "GET" || request.method === "HEAD")
      return jsonRpcError(405, -32000, "This endpoint opens no SSE stream: send JSON-RPC messages with POST.", {
        Allow: "POST, DELETE",
      });
    sweep();
    const id = request.headers.get("mcp-session-id");
    if (id !== null) {
      const session = sessions.get(id);
      // A session is its token's subject's: another subject's request is told it does not exist.
      if (session === undefined || session.sub !== sub)
        return jsonRpcError(404, -32001, "Session not found: it ended, expired or was never made. Initialize again.");
      sessions.delete(id);
      sessions.set(id, { ...session, used: now() });
      const response = await session.transport.handleRequest(request);
      if (request.method === "DELETE" && response.ok) drop(id);
      return response;
    }
    const session = await openSession(options, request, sub, now());
    const response = await session.transport.handleRequest(request);
    const made = session.transport.sessionId;
    if (made === undefined) {
      await session.server.close().catch(() => {});
      return response;
    }
    // Full: the least recently used session (the first in the map) makes room.
    while (sessions.size >= maxSessions) drop(sessions.keys().next().value ?? "");
    sessions.set(made, session);
    return response;
  };

  const mcp: ApiResponder = async (request) => {
    if (new URL(request.url).pathname !== path) return respond(request);
    const refused = originRefusal(request, options.isOwnHost);
    if (refused !== undefined) return refused;
    const verdict = await respond(request.clone());
    if (verdict === undefined || verdict.status !== 200) return verdict;
    try {
      return await answer(request, await subjectOf(verdict));
    } catch {
      // Whatever a client sent, it is its mistake to hear about, never a 5xx.
      return jsonRpcError(400, -32600, "The request could not be read as an MCP message (JSON-RPC 2.0).");
    }
  };

  return {
    respond: mcp,
    sessionCount: () => sessions.size,
    close: async () => {
      for (const id of [...sessions.keys()]) drop(id);
    },
  };
}
