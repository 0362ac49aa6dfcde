import { expect, test } from "vitest";
import type { Exchange } from "../http/index.ts";
import { jsonRpcMessages, mcpCalls } from "./mcp-calls.ts";

const answer = (body: string, contentType: string, headers: Array<[string, string]> = []): Exchange => ({
  request: { method: "POST", url: "http://127.0.0.1/mcp", headers: [] },
  response: { status: 200, statusText: "OK", headers: [["Content-Type", contentType], ...headers], body },
});

test("an answer is read as JSON, or as the data of each event of an event stream; other text yields nothing", () => {
  const message = { jsonrpc: "2.0", id: 1, result: {} };
  expect(jsonRpcMessages("application/json", JSON.stringify(message))).toEqual([message]);
  const stream = `event: message\r\ndata: ${JSON.stringify(message)}\r\n\r\n: a comment\n\n`;
  expect(jsonRpcMessages("text/event-stream", stream)).toEqual([message]);
  // The neighbour: the same stream labelled JSON is not JSON.
  expect(jsonRpcMessages("application/json", stream)).toEqual([]);
});

test("initialize, then the notification and tools/list with the session id and the agreed version; the tool only when listed", () => {
  const calls = mcpCalls({ tool: "echo" });
  const first = calls.next(undefined);
  expect(first !== undefined && "body" in first ? JSON.parse(first.body ?? "") : {}).toMatchObject({
    method: "initialize",
    params: { protocolVersion: "2025-11-25" },
  });
  const initialized = answer(
    `data: ${JSON.stringify({ jsonrpc: "2.0", id: 1, result: { protocolVersion: "2025-06-18" } })}\n\n`,
    "text/event-stream",
    [["Mcp-Session-Id", "s-1"]],
  );
  const notification = calls.next(initialized);
  expect(notification !== undefined && "headers" in notification ? notification.headers : []).toEqual(
    expect.arrayContaining([
      ["MCP-Protocol-Version", "2025-06-18"],
      ["Mcp-Session-Id", "s-1"],
    ]),
  );
  const list = calls.next(answer("", "text/plain"));
  expect(list !== undefined && "body" in list ? list.body : "").toMatch(/"tools\/list"/);
  const listed = (names: string[]) =>
    answer(
      JSON.stringify({ jsonrpc: "2.0", id: 2, result: { tools: names.map((name) => ({ name })) } }),
      "application/json",
    );
  const toolCall = calls.next(listed(["echo"]));
  expect(toolCall !== undefined && "body" in toolCall ? JSON.parse(toolCall.body ?? "") : {}).toMatchObject({
    method: "tools/call",
    params: { name: "echo" },
  });
  const other = mcpCalls({ tool: "echo" });
  other.next(undefined);
  other.next(initialized);
  other.next(answer("", "text/plain"));
  expect(other.next(listed(["add"]))).toBeUndefined();
});

test("a JSON-RPC error stops the client with the server's message", () => {
  const calls = mcpCalls();
  calls.next(undefined);
  const error = answer(
    JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: -32600, message: "bad" } }),
    "application/json",
  );
  expect(calls.next(error)).toEqual({ refused: "The MCP server answered initialize with JSON-RPC error -32600: bad." });
});
