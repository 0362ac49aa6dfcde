import { afterEach, expect, test, vi } from "vitest";
import { failure, type HttpRequestRecord } from "../http/index.ts";
import {
  createSandboxClient,
  type FormSnapshot,
  type RequestDraft,
  type SandboxClient,
  type SandboxLog,
  type SandboxTransport,
} from "../sandbox/index.ts";
import { SandboxSession, type RequestSource, type SessionStorage } from "./sandbox-session.ts";

// The session without a page: a fake server behind the real sandbox client, a Map for sessionStorage.

const password = "s3cret-passwd";
const basic = `Basic ${btoa(`alice:${password}`)}`;

/** A Basic-protected endpoint: 401 with a challenge, 200 for alice's password. */
function fakeTransport(sent: HttpRequestRecord[], delay = 0): SandboxTransport {
  return {
    kind: "node",
    send: async (request) => {
      sent.push({ method: request.method, url: request.url, headers: [...request.headers] });
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return request.headers.get("authorization") === basic
        ? new Response("ok", { status: 200 })
        : new Response(null, { status: 401, headers: { "WWW-Authenticate": 'Basic realm="lab"' } });
    },
  };
}

function mapStorage(): SessionStorage & { writes: number; text(): string } {
  const map = new Map<string, string>();
  let writes = 0;
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      writes += 1;
      map.set(key, value);
    },
    removeItem: (key) => void map.delete(key),
    get writes() {
      return writes;
    },
    text: () => [...map.values()].join(""),
  };
}

const snapshot: FormSnapshot = {
  preset: "basic",
  method: "GET",
  endpoint: "basic-auth/alice",
  auth: "basic",
  user: "alice",
  headers: "",
  body: "",
};

function form(auth: RequestDraft["auth"]): RequestSource {
  const draft: RequestDraft = { method: "GET", endpoint: "basic-auth/alice", auth, headers: [], body: "" };
  return { snapshot: () => snapshot, draft: () => ({ ok: true, draft }), secrets: () => [password] };
}

function setup(options: { source?: RequestSource; storage?: ReturnType<typeof mapStorage>; delay?: number } = {}) {
  const sent: HttpRequestRecord[] = [];
  const said = { announce: [] as string[], error: [] as string[], details: [] as SandboxLog[] };
  const storage = options.storage ?? mapStorage();
  const session = new SandboxSession({
    storage,
    form: options.source ?? form({ type: "basic", user: "alice", password }),
    view: {
      announce: (text) => said.announce.push(text),
      error: (text) => said.error.push(text),
      busy: () => undefined,
      details: (log) => said.details.push(log),
    },
  });
  const client: SandboxClient = createSandboxClient({
    transport: fakeTransport(sent, options.delay),
    base: "/lab/",
    origin: "http://sandbox.test",
  });
  session.ready(client);
  return { session, sent, said, storage };
}

afterEach(() => {
  vi.useRealTimers();
});

test("Send logs the exchange as built and announces its status line; the saved copy keeps no password", async () => {
  const { session, sent, said, storage } = setup();
  await session.send();
  expect(sent).toHaveLength(1);
  expect(session.log.get().entries.map((entry) => entry.exchange.response.status)).toEqual([200]);
  expect(said.announce.at(-1)).toMatch(/^Request 1: the server answered 200/);
  session.flush();
  expect(said.details).toHaveLength(1);
  expect(storage.text()).toContain("basic-auth/alice");
  expect(storage.text()).not.toContain(password);
  expect(storage.text()).not.toContain(basic.slice(6));
});

test("Send like a browser answers the challenge: two exchanges in one run, and how it ended", async () => {
  const { session, said } = setup({ source: form({ type: "none" }) });
  await session.sendLikeBrowser();
  const { entries, outcomes } = session.log.get();
  expect(entries.map((entry) => entry.exchange.response.status)).toEqual([401]);
  expect(outcomes).toHaveLength(1);
  expect(said.announce.at(-1)).toMatch(/^Sent like a browser, 1 request: /);

  const answered = setup();
  await answered.session.sendLikeBrowser();
  expect(answered.session.log.get().entries.map((entry) => entry.exchange.response.status)).toEqual([401, 200]);
  expect(new Set(answered.session.log.get().entries.map((entry) => entry.run)).size).toBe(1);
  expect(answered.said.announce.at(-1)).toMatch(/^Sent like a browser, 2 requests: /);
});

test("a press while a send is out does nothing; one after it has come back sends", async () => {
  const { session, sent } = setup({ delay: 20 });
  await Promise.all([session.send(), session.send()]);
  expect(sent).toHaveLength(1);
  await session.send();
  expect(sent).toHaveLength(2);
  expect(session.log.get().entries).toHaveLength(2);
});

test("a request the form cannot build is said, and nothing is sent", async () => {
  const broken: RequestSource = { ...form({ type: "none" }), draft: () => failure("The endpoint is empty.") };
  const { session, sent, said } = setup({ source: broken });
  await session.send();
  expect(sent).toEqual([]);
  expect(said.error.at(-1)).toBe("The endpoint is empty.");
  expect(session.log.get().entries).toEqual([]);
});

test("the saved copy is written once typing pauses, and a new session in the tab takes it up", async () => {
  vi.useFakeTimers();
  const storage = mapStorage();
  const { session } = setup({ storage });
  session.scheduleSave();
  session.scheduleSave();
  vi.advanceTimersByTime(149);
  expect(storage.writes).toBe(0);
  vi.advanceTimersByTime(1);
  expect(storage.writes).toBe(1);
  vi.useRealTimers();

  await session.send();
  session.flush();
  const reloaded = setup({ storage });
  expect(reloaded.session.restore()).toEqual({ form: snapshot });
  const [entry] = reloaded.session.log.get().entries;
  expect(entry?.exchange.response.status).toBe(200);
  // Its credentials were not kept: it is marked, and cannot be sent again as it was.
  expect(entry?.redacted).toBe(true);
  expect(setup().session.restore()).toBeUndefined();
});
