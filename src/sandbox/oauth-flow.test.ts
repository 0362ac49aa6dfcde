import { expect, test } from "vitest";
import { parseJsonObject } from "../http/index.ts";
import { createSandboxClient } from "./client.ts";
import { nodeTransport } from "./node.ts";
import type { OAuthFlowOptions } from "./oauth-flow-options.ts";
import { runOAuthFlow, type OAuthOutcome, type OAuthStep } from "./oauth-flow.ts";
import type { SandboxTransport } from "./transport.ts";

// The step machine against the real handler list, in-process (msw's getResponse), on one origin.
const origin = "http://sandbox.test";
const base = "/lab/";

/**
 * The handlers, with the authorization server's metadata saying it takes no client metadata
 * document: these tests follow registration (RFC 7591) step by step, whichever the server offers;
 * the CIMD path has its own test below.
 */
function registering(inner: SandboxTransport): SandboxTransport {
  return {
    kind: "node",
    send: async (request) => {
      const response = await inner.send(request);
      if (!/oauth-authorization-server/.test(request.url) || response.status !== 200) return response;
      const document = parseJsonObject(await response.text()) ?? {};
      return Response.json({ ...document, client_id_metadata_document_supported: false });
    },
  };
}

async function run(
  options: Partial<OAuthFlowOptions>,
  setup: { transport?: SandboxTransport; onStep?: (step: OAuthStep, clock: { offsetMs: number }) => void } = {},
) {
  const clock = { offsetMs: 0 };
  const transport = registering(setup.transport ?? nodeTransport(base, { now: () => Date.now() + clock.offsetMs }));
  const client = createSandboxClient({ transport, base, origin });
  const flow = runOAuthFlow(client, { resource: "resource", twist: "none", refresh: false, ...options });
  const steps: OAuthStep[] = [];
  let outcome: OAuthOutcome | undefined;
  for (let count = 0; count < 40 && outcome === undefined; count++) {
    const next = await flow.next();
    if (next.done === true) outcome = next.value;
    else {
      steps.push(next.value);
      setup.onStep?.(next.value, clock);
    }
  }
  const statuses = steps.map((step) => step.exchange.response.status);
  const errors = steps.map(
    (step) =>
      /error"?[=:]\s*"?([a-z_]+)/.exec(
        `${step.exchange.response.headers.find(([name]) => name.toLowerCase() === "www-authenticate")?.[1] ?? ""} ${step.exchange.response.body.slice(0, 300)}`,
      )?.[1],
  );
  return { steps, outcome, statuses, errors, findingIds: steps.flatMap((step) => step.findings.map((f) => f.id)) };
}

test("resource: from the 401 to a 200, then a refresh after expiry; three participants, one origin", async () => {
  const result = await run(
    { refresh: true },
    {
      onStep: (step, clock) => {
        // Five minutes after the retry, the token has expired (expires_in 300).
        if (step.label === "Retried with the token") clock.offsetMs = 301_000;
      },
    },
  );
  expect(result.statuses).toEqual([401, 200, 200, 201, 200, 302, 200, 200, 401, 200, 200]);
  expect(result.errors[8]).toBe("invalid_token");
  const [rs, as] = ["Resource server", "Authorization server"];
  expect(result.steps.map((step) => step.server)).toEqual([rs, rs, as, as, as, as, as, rs, rs, as, rs]);
  expect(result.outcome?.kind).toBe("authorized");
  for (const step of result.steps) expect(new URL(step.exchange.request.url).origin).toBe(origin);
  // The login form was posted with the demo user, and the token request carried PKCE and the resource.
  const login = result.steps[5]?.exchange.request.body ?? "";
  expect(new URLSearchParams(login).get("username")).toBe("user");
  const tokenRequest = new URLSearchParams(result.steps[6]?.exchange.request.body ?? "");
  expect(tokenRequest.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(tokenRequest.get("resource")).toBe(`${origin}${base}api/oauth/resource`);
  const token = result.steps[6]?.tokens[0];
  expect(token !== undefined && "claims" in token ? token.claims : {}).toMatchObject({
    aud: `${origin}${base}api/oauth/resource`,
    iss: `${origin}${base}api/oauth/as`,
    scope: "read",
  });
  expect(result.steps[9]?.tokens).toHaveLength(1);
  // http on a loopback-less test origin: the metadata lints say so; nothing else is wrong.
  expect(result.findingIds.filter((id) => !id.endsWith("-not-https"))).toEqual([]);
});

for (const [ahead, status] of [
  ["301", 401],
  // The neighbour: a value that is not whole seconds asks for nothing, and the token is still good.
  ["301.5", 200],
] as const) {
  test(`Lab-Clock-Ahead: ${ahead} on the retry: the resource checks expiry that far ahead (a workshop's skipped wait)`, async () => {
    const inner = nodeTransport(base);
    let asked = false;
    const transport: SandboxTransport = {
      kind: "node",
      send: (request) => {
        const headers = new Headers(request.headers);
        if (asked) headers.set("Lab-Clock-Ahead", ahead);
        return inner.send(new Request(request, { headers }));
      },
    };
    const result = await run(
      { refresh: true },
      { transport, onStep: (step) => (asked = step.label === "Retried with the token") },
    );
    expect(result.statuses.slice(0, 8)).toEqual([401, 200, 200, 201, 200, 302, 200, 200]);
    expect(result.statuses[8]).toBe(status);
    if (status === 401) expect(result.steps[8]?.exchange.response.body).toMatch(/expired at/);
  });
}

test("step-up: insufficient_user_authentication, then a login with the one-time code", async () => {
  const result = await run({ resource: "step-up" });
  expect(result.statuses).toEqual([401, 200, 200, 201, 200, 302, 200, 401, 200, 302, 200, 200]);
  expect(result.errors[7]).toBe("insufficient_user_authentication");
  expect(new URLSearchParams(result.steps[9]?.exchange.request.body ?? "").get("otp")).toBe("123456");
  expect(result.outcome?.kind).toBe("authorized");
});

test("dpop: use_dpop_nonce at the token endpoint (400) and at the resource (401), then a DPoP-bound 200", async () => {
  const result = await run({ resource: "dpop" });
  expect(result.statuses).toEqual([401, 200, 200, 201, 200, 302, 400, 200, 401, 200]);
  expect(result.errors[6]).toBe("use_dpop_nonce");
  expect(result.errors[8]).toBe("use_dpop_nonce");
  expect(result.steps[9]?.exchange.request.headers.find(([name]) => name === "Authorization")?.[1]).toMatch(/^DPoP /);
  expect(JSON.parse(result.steps[9]?.exchange.response.body ?? "{}")).toMatchObject({ token_type: "DPoP" });
  expect(result.outcome?.kind).toBe("authorized");
});

const changes: Array<[Partial<OAuthFlowOptions>, number, string | undefined, RegExp]> = [
  [{ twist: "drop-pkce" }, 400, "invalid_request", /code_verifier/],
  [{ twist: "replay-code" }, 400, "invalid_grant", /used already/],
  [{ twist: "wrong-audience" }, 401, "invalid_token", /issued for/],
  [{ twist: "forged-token" }, 401, "invalid_token", /not one this authorization server signed/],
  [{ resource: "dpop", twist: "skip-nonce" }, 401, "use_dpop_nonce", /nonce/],
  [{ resource: "dpop", twist: "dpop-other-url" }, 401, "invalid_dpop_proof", /another URL/],
  [{ twist: "hostile-redirect" }, 400, undefined, /redirect_uri is missing or is not exactly one/],
  [{ twist: "long-state" }, 400, undefined, /20000 characters long/],
];
for (const [options, status, error, message] of changes) {
  test(`${options.resource ?? "resource"} with ${options.twist}: the server's RFC answer, and the flow stops`, async () => {
    const result = await run(options);
    expect(result.statuses.at(-1)).toBe(status);
    if (error !== undefined) expect(result.errors.at(-1)).toBe(error);
    expect(result.outcome?.kind).toBe("refused");
    expect(result.outcome?.message).toMatch(message);
    // One full stop, even when the server's description ends with its own: never "(RFC 6749 section 4.1.3).."
    expect(result.outcome?.message).not.toMatch(/[^.]\.\.$/);
    for (const step of result.steps) expect(new URL(step.exchange.request.url).origin).toBe(origin);
  });
}

test("an error page's note gives the reason the page gives, not always the redirect URI (RFC 6749 §4.1.2.1)", async () => {
  const longState = await run({ twist: "long-state" });
  const hostile = await run({ twist: "hostile-redirect" });
  for (const result of [longState, hostile]) {
    const note = result.steps.at(-1)?.note ?? "";
    expect(note).not.toMatch(/cannot trust the redirect URI/);
    expect(note).toMatch(/error page instead of redirecting back, and the page says why/);
  }
  expect(longState.outcome?.message).toMatch(/20000 characters long/);
  expect(hostile.outcome?.message).toMatch(/redirect_uri/);
});

test("the wrong audience is linted on the token before the resource refuses it", async () => {
  const result = await run({ twist: "wrong-audience" });
  expect(result.findingIds).toContain("access-token-audience-mismatch");
  // The neighbour: the right audience has no such finding (checked in the first test's empty list).
});

test("a DPoP change with the Bearer resource is refused with a sentence before anything is sent", async () => {
  const result = await run({ twist: "skip-nonce" });
  expect(result.steps).toEqual([]);
  expect(result.outcome).toEqual({ kind: "stopped", message: expect.stringMatching(/pick the dpop resource/) });
});

/** The handlers, with one response rewritten: a hostile server in the chain. */
function rewriting(
  match: RegExp,
  rewrite: (response: Response) => Promise<Response>,
): { transport: SandboxTransport; urls: string[] } {
  const inner = nodeTransport(base);
  const urls: string[] = [];
  return {
    urls,
    transport: {
      kind: "node",
      send: async (request) => {
        urls.push(request.url);
        const response = await inner.send(request);
        return match.test(request.url) ? rewrite(response) : response;
      },
    },
  };
}

test("a resource_metadata on another origin stops the flow, and nothing is sent there", async () => {
  const { transport, urls } = rewriting(/oauth\/resource$/, async (response) => {
    const headers = new Headers(response.headers);
    headers.set("WWW-Authenticate", 'Bearer resource_metadata="https://elsewhere.example/meta"');
    return new Response(await response.text(), { status: response.status, headers });
  });
  const result = await run({}, { transport });
  expect(result.statuses).toEqual([401]);
  expect(result.outcome).toMatchObject({ kind: "stopped", message: expect.stringMatching(/another origin/) });
  expect(urls.every((url) => url.startsWith(origin))).toBe(true);
});

test("an issuer that does not match, or no S256, is linted and the client does not use the metadata", async () => {
  const { transport } = rewriting(/oauth-authorization-server/, async (response) => {
    const document = (await response.json()) as Record<string, unknown>;
    return Response.json({ ...document, issuer: `${origin}/other`, code_challenge_methods_supported: ["plain"] });
  });
  const result = await run({}, { transport });
  expect(result.statuses).toEqual([401, 200, 200]);
  expect(result.findingIds).toEqual(expect.arrayContaining(["as-metadata-issuer-mismatch", "as-metadata-no-s256"]));
  expect(result.outcome).toMatchObject({ kind: "stopped", message: expect.stringMatching(/MUST be identical/) });
});

test("a malformed resource metadata document is a sentence, not a crash", async () => {
  const { transport } = rewriting(
    /metadata\/resource$/,
    async () => new Response("{not json", { headers: { "Content-Type": "application/json" } }),
  );
  const result = await run({}, { transport });
  expect(result.findingIds).toContain("metadata-not-json");
  expect(result.outcome?.kind).toBe("stopped");
});

test("CIMD: where the server takes client metadata documents, the published document's URL is the client_id when it lists the redirect URI; elsewhere the client registers", async () => {
  const advertising: SandboxTransport = {
    kind: "node",
    send: async (request) => {
      const response = await nodeTransport(base).send(request);
      if (!/oauth-authorization-server/.test(request.url)) return response;
      const document = parseJsonObject(await response.text()) ?? {};
      return Response.json({ ...document, client_id_metadata_document_supported: true });
    },
  };
  const published = "https://site.example/lab/oauth/client-metadata.json";
  const firstSteps = async (redirectUris: string[], url = published) => {
    const client = createSandboxClient({ transport: advertising, base, origin });
    const flow = runOAuthFlow(
      client,
      { resource: "resource", twist: "none", refresh: false },
      { clientMetadata: { url, redirectUris } },
    );
    const steps: OAuthStep[] = [];
    for (let count = 0; count < 6; count++) {
      const next = await flow.next();
      if (next.done === true) break;
      steps.push(next.value);
    }
    const authorization = steps.find((step) => /\/authorize\?/.test(step.exchange.request.url));
    return {
      steps,
      authorization,
      clientId: new URL(authorization?.exchange.request.url ?? origin).searchParams.get("client_id"),
    };
  };
  const listed = await firstSteps(["https://site.example/lab/oauth/", `${origin}${base}oauth/`]);
  expect(listed.clientId).toBe(published);
  expect(listed.steps.some((step) => step.label === "Registered as a new client")).toBe(false);
  expect(listed.authorization?.note).toMatch(/client metadata document/);
  // The neighbour: a page on an origin the document does not list (a LAN address) registers.
  const unlisted = await firstSteps(["https://site.example/lab/oauth/"]);
  expect(unlisted.steps.some((step) => step.label === "Registered as a new client")).toBe(true);
  expect(unlisted.clientId).not.toBe(published);
  expect(unlisted.authorization?.note).toMatch(/lists no redirect URI on this page's origin/);
  // And a document at an http URL (npm start's default SITE), which no server takes as a client_id.
  const plain = await firstSteps([`${origin}${base}oauth/`], "http://localhost:4321/lab/oauth/client-metadata.json");
  expect(plain.steps.some((step) => step.label === "Registered as a new client")).toBe(true);
  expect(plain.authorization?.note).toMatch(/is not at an https URL/);
});

test("bearer, a Bearer API without OAuth metadata: every well-known URL tried in order, each 404 a step, then a sentence", async () => {
  const result = await run({ resource: "bearer" });
  expect(
    result.steps.map((step) => [new URL(step.exchange.request.url).pathname, step.exchange.response.status]),
  ).toEqual([
    [`${base}api/bearer`, 401],
    [`/.well-known/oauth-protected-resource${base}api/bearer`, 404],
    ["/.well-known/oauth-protected-resource", 404],
    ["/.well-known/oauth-authorization-server", 404],
  ]);
  expect(result.steps[3]?.note).toMatch(/default endpoints \/authorize, \/token and \/register/);
  // The page's policy: MCP 2025-03-26's default /register is outside the site, so nothing is sent there.
  expect(result.outcome).toMatchObject({
    kind: "stopped",
    message: expect.stringMatching(/\/register, outside the site/),
  });
});

test("write: the read token gets 403 insufficient_scope for the POST, one step-up with scope write, then 200", async () => {
  const result = await run({ resource: "write" });
  expect(result.statuses).toEqual([401, 200, 200, 201, 200, 302, 200, 200, 403, 200, 302, 200, 200]);
  expect(result.errors[8]).toBe("insufficient_scope");
  const authorizations = result.steps.filter((step) => /\/authorize\?/.test(step.exchange.request.url));
  expect(authorizations.map((step) => new URL(step.exchange.request.url).searchParams.get("scope"))).toEqual([
    "read",
    "write",
  ]);
  expect(result.steps[8]?.note).toMatch(/step-up 1 of at most 2/);
  expect(result.outcome?.kind).toBe("authorized");
  // The neighbour: the resource alone makes no POST and needs no step-up (the first test's statuses).
});
