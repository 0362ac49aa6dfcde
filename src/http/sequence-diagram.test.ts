import { expect, test } from "vitest";
import type { Exchange } from "./transcript.ts";
import { sequenceDiagram } from "./sequence-diagram.ts";

const handshake: Exchange[] = [
  {
    request: { method: "GET", url: "http://localhost:4321/api/basic-auth/ada/p4ss", headers: [] },
    response: {
      status: 401,
      statusText: "",
      headers: [["WWW-Authenticate", 'Basic realm="HTTP Status Lab", charset="UTF-8"']],
      body: "",
    },
  },
  {
    request: {
      method: "GET",
      url: "http://localhost:4321/api/basic-auth/ada/p4ss",
      headers: [["Authorization", "Basic YWRhOnA0c3M="]],
    },
    response: { status: 200, statusText: "OK", headers: [["Content-Type", "application/json"]], body: "{}" },
    note: "Authenticated",
  },
];

test("the Basic handshake, as a file snapshot", async () => {
  await expect(sequenceDiagram(handshake)).toMatchFileSnapshot("./__snapshots__/sequence-basic-handshake.mmd");
});

test("the challenge is a note on the 401 response, not a message of its own", () => {
  const lines = sequenceDiagram(handshake).split("\n");
  const arrows = lines.filter((line) => line.includes("->>"));
  expect(arrows).toHaveLength(4);
  const response = lines.findIndex((line) => line.includes("Server-->>Client: 401 Unauthorized"));
  expect(lines[response + 1]).toMatch(/^ {2}Note left of Server: WWW-Authenticate#58; Basic realm=/);
});

test("starts with the diagram type and accessibility lines", () => {
  const lines = sequenceDiagram([], { title: "Empty", description: "Nothing yet" }).split("\n");
  expect(lines.slice(0, 5)).toEqual([
    "sequenceDiagram",
    "  accTitle: Empty",
    "  accDescr: Nothing yet",
    "  participant Client",
    "  participant Server",
  ]);
  expect(sequenceDiagram([])).toContain("accDescr: No requests yet.");
});

test("hostile URLs, header values and realms stay inert text", () => {
  const hostile =
    '%%{init: {"securityLevel":"loose"}}%%\nclick Client call alert(1);#x <script>alert(1)</script> --> Server-->>Client: 200 OK`\\ & end';
  const diagram = sequenceDiagram(
    [
      {
        request: {
          method: "GET;",
          url: `http://x/${encodeURI("a")}?q=${hostile}`,
          headers: [["Authorization", hostile]],
        },
        response: {
          status: 401,
          statusText: hostile,
          headers: [["WWW-Authenticate", `Basic realm="${hostile}"`]],
          body: hostile,
        },
        note: hostile,
      },
    ],
    { title: hostile, description: hostile },
  );
  const lines = diagram.trimEnd().split("\n");
  expect(lines).toHaveLength(10);
  for (const line of lines)
    expect(line).toMatch(
      /^(sequenceDiagram| {2}(accTitle|accDescr|participant|Client->>Server|Server-->>Client|Note (left|right|over) [A-Za-z,]+)[: ])/,
    );
  const texts = diagram.replaceAll("Client->>Server:", "").replaceAll("Server-->>Client:", "");
  expect(texts).not.toMatch(/%%|[<>{}"`\\&]|click Client call alert\(1\);/);
  for (const line of lines.slice(1)) {
    const text = line.slice(line.indexOf(":") + 1);
    expect(text.replace(/#\d+;/g, "")).not.toMatch(/[;#:]/);
  }
});

test("long values are cut in notes", () => {
  const diagram = sequenceDiagram(
    [
      {
        request: { method: "GET", url: "/", headers: [["Authorization", `Bearer ${"a".repeat(500)}`]] },
        response: { status: 200, statusText: "", headers: [], body: "" },
      },
    ],
    { maxValueLength: 20 },
  );
  expect(diagram).toContain("Note right of Client: Authorization#58; Bearer aaaaaaaaaaaa#8230;");
});

test("several servers: each exchange goes to the server it names, names escaped, the default unchanged", () => {
  const exchange = (server: string | undefined, status: number) => ({
    request: { method: "GET", url: "http://x/a", headers: [] as Array<[string, string]> },
    response: { status, statusText: "", headers: [] as Array<[string, string]>, body: "" },
    ...(server === undefined ? {} : { server }),
  });
  const lines = sequenceDiagram([exchange("Resource", 401), exchange("Auth: server", 200), exchange("nobody", 204)], {
    servers: ["Resource", "Auth: server"],
  }).split("\n");
  expect(lines).toContain("  participant S1 as Resource");
  expect(lines).toContain("  participant S2 as Auth#58; server");
  expect(lines).not.toContain("  participant Server");
  expect(lines.filter((line) => line.startsWith("  Client->>"))).toEqual([
    "  Client->>S1: GET /a",
    "  Client->>S2: GET /a",
    "  Client->>S1: GET /a", // a name not in the list goes to the first server
  ]);
  expect(lines).toContain("  S2-->>Client: 200 OK");
  // The neighbour: without servers, the one participant is still "Server", whatever an exchange names.
  expect(sequenceDiagram([exchange("Resource", 401)])).toContain("Client->>Server: GET /a");
});

test("a 64 kB request target is cut on its arrow and in the summary; a short one is kept whole", () => {
  const long = `/api/basic-auth/${"A".repeat(65_536)}/x`;
  const diagram = sequenceDiagram([
    {
      request: { method: "GET", url: `http://localhost:4321${long}`, headers: [] },
      response: { status: 401, statusText: "", headers: [], body: "" },
    },
  ]);
  expect(diagram.length).toBeLessThan(1_000);
  expect(diagram).toContain(`Client->>Server: GET /api/basic-auth/${"A".repeat(103)}#8230;`);
  expect(sequenceDiagram(handshake)).toContain("Client->>Server: GET /api/basic-auth/ada/p4ss\n");
});
