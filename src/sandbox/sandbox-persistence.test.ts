import { expect, test } from "vitest";
import { encodeBasic } from "../http/index.ts";
import { newClientMemory } from "./answer-challenge.ts";
import { appendEntry, emptyLog, logEntry, type SandboxLog } from "./exchange-store.ts";
import {
  loadSandbox,
  parseSandbox,
  redactedText,
  saveSandbox,
  serializeSandbox,
  storageKey,
  type SandboxStorage,
} from "./sandbox-persistence.ts";

function fakeStorage(): SandboxStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function logWithSecrets(): SandboxLog {
  let log = emptyLog();
  const basic = logEntry(
    log,
    1,
    {
      request: {
        method: "GET",
        url: "http://x.test/api/basic-auth/user/passwd",
        headers: [["Authorization", encodeBasic("user", "Zq9-secret")]],
      },
      response: {
        status: 401,
        statusText: "Unauthorized",
        headers: [["www-authenticate", 'Basic realm="Lab"']],
        body: "{}",
      },
    },
    "Sent with these credentials",
    "service-worker",
  );
  log = appendEntry(log, basic);
  const bearer = logEntry(
    log,
    2,
    {
      request: {
        method: "GET",
        url: "http://x.test/api/bearer",
        headers: [["Authorization", "Bearer tok-Zq9-secret"]],
      },
      response: { status: 200, statusText: "OK", headers: [], body: '{"token":"tok-Zq9-secret"}' },
    },
    "Sent",
    "in-page",
    {
      challenge: { scheme: "Digest", params: { realm: "Lab", nonce: "n" } },
      input: {
        algorithm: "MD5",
        username: "user",
        password: "Zq9-secret",
        realm: "Lab",
        method: "GET",
        uri: "/",
        nonce: "n",
      },
      chain: {
        ha1Input: "user:Lab:Zq9-secret",
        ha1: "a",
        ha2Input: "GET:/",
        ha2: "b",
        responseInput: "a:n:b",
        response: "c",
      },
    },
  );
  return appendEntry(log, bearer);
}

const form = {
  preset: "basic",
  method: "GET",
  endpoint: "basic-auth/user/passwd",
  auth: "basic" as const,
  user: "user",
  headers: "",
  body: "",
};

test("nothing typed into a password or token field reaches storage, in clear or base64", () => {
  const text = serializeSandbox({ form, log: logWithSecrets(), memory: newClientMemory() }, [
    "Zq9-secret",
    "tok-Zq9-secret",
  ]);
  expect(text).not.toContain("Zq9-secret");
  expect(text).not.toContain(btoa("user:Zq9-secret"));
  expect(text).toContain(`Basic ${redactedText}`);
  expect(text).toContain(`Bearer ${redactedText}`);
});

test("the log, the form and the client memory come back, marked as redacted", () => {
  const storage = fakeStorage();
  const memory = newClientMemory();
  memory.nonceCounts.set("abc", 3);
  memory.challenges.set("http://x.test/api/digest", [{ scheme: "Digest", params: { nonce: "abc" } }]);
  expect(saveSandbox(storage, { form, log: logWithSecrets(), memory }, [])).toBe(true);
  const restored = loadSandbox(storage);
  expect(restored?.form).toEqual(form);
  expect(restored?.log.entries.map((entry) => entry.redacted)).toEqual([true, true]);
  expect(restored?.log.entries[1]?.digest?.chain.ha1Input).toBe(`user:Lab:${redactedText}`);
  expect(restored?.log.nextId).toBe(3);
  expect(restored?.memory.nonceCounts.get("abc")).toBe(3);
  expect(restored?.memory.challenges.get("http://x.test/api/digest")?.[0]?.params["nonce"]).toBe("abc");
});

test("garbage, an old version or hand-edited entries are ignored, never thrown", () => {
  expect(parseSandbox("{not json")).toBeUndefined();
  expect(parseSandbox(JSON.stringify({ version: 0, log: {} }))).toBeUndefined();
  const restored = parseSandbox(
    JSON.stringify({ version: 1, log: { entries: [{ id: "x" }, null, 3] }, form: { auth: "<img>" } }),
  );
  expect(restored?.log.entries).toEqual([]);
  expect(restored?.form?.auth).toBe("none");
});

test("full or missing storage: the sandbox keeps working and says it was not saved", () => {
  const full: SandboxStorage = {
    getItem: () => null,
    setItem: () => {
      throw new DOMException("quota", "QuotaExceededError");
    },
    removeItem: () => undefined,
  };
  expect(saveSandbox(full, { form, log: emptyLog(), memory: newClientMemory() }, [])).toBe(false);
  expect(saveSandbox(undefined, { form, log: emptyLog(), memory: newClientMemory() }, [])).toBe(false);
  expect(loadSandbox(undefined)).toBeUndefined();
  expect(storageKey).toMatch(/sandbox/);
});
