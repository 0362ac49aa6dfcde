import { demoTokens, type AuthDraft } from "../sandbox/index.ts";

/** A ready-made request of the sandbox page: one option of its scenario list. */
export interface Preset {
  id: string;
  /** The scenario it belongs to (an <optgroup>). */
  group: string;
  label: string;
  method: string;
  /** Relative to `<base>api/`. */
  endpoint: string;
  auth: AuthDraft;
  body?: string;
  /** What the reader should try and expect, as a sentence. */
  hint: string;
}

const account = { user: "user", password: "passwd" };
const digestAlgorithms = ["MD5", "SHA-256", "SHA-512-256", "SHA-256-sess"];

const bearerPresets: Preset[] = [
  {
    id: "bearer-none",
    group: "Bearer (RFC 6750)",
    label: "No token: 401 without an error code",
    method: "GET",
    endpoint: "bearer",
    auth: { type: "none" },
    hint: "Without a token the challenge names only the realm: RFC 6750 §3.1 says a request without credentials gets no error code.",
  },
  ...demoTokens.map((demo): Preset => ({
    id: `bearer-${demo.token}`,
    group: "Bearer (RFC 6750)",
    label: `Token ${demo.token}${demo.token === "demo-read-only" ? " with POST" : ""}`,
    method: demo.token === "demo-read-only" ? "POST" : "GET",
    endpoint: "bearer",
    auth: { type: "bearer", token: demo.token },
    ...(demo.token === "demo-read-only" ? { body: "note=hello" } : {}),
    hint: demo.description,
  })),
  {
    id: "bearer-malformed",
    group: "Bearer (RFC 6750)",
    label: "Malformed credentials: 400 invalid_request",
    method: "GET",
    endpoint: "bearer",
    auth: { type: "raw", value: "Bearer two words" },
    hint: 'A token is one b64token (RFC 6750 §2.1); a space inside it makes the request malformed: 400 with error="invalid_request".',
  },
];

/** The scenarios of the sandbox page, in the order they are offered. */
export const presets: readonly Preset[] = [
  {
    id: "basic",
    group: "Basic (RFC 7617)",
    label: "basic-auth/user/passwd",
    method: "GET",
    endpoint: "basic-auth/user/passwd",
    auth: { type: "basic", ...account },
    hint: "The path names the account (user, passwd). “Send like a browser” shows the 401 and its challenge first, then the answer with these credentials; “Send” sends them unasked.",
  },
  {
    id: "basic-wrong",
    group: "Basic (RFC 7617)",
    label: "Wrong password: 401 again",
    method: "GET",
    endpoint: "basic-auth/user/passwd",
    auth: { type: "basic", user: "user", password: "wrong" },
    hint: "Wrong credentials get a fresh 401 with the same challenge: a browser would ask again.",
  },
  {
    id: "hidden-basic",
    group: "Basic (RFC 7617)",
    label: "hidden-basic-auth: 404 until the credentials match",
    method: "GET",
    endpoint: "hidden-basic-auth/user/passwd",
    auth: { type: "basic", ...account },
    hint: "A server may answer 404 instead of 401 to hide that the resource exists (RFC 9110 §15.5.5). No challenge, so a browser never asks: use “Send” to send the credentials unasked.",
  },
  {
    id: "admin-403",
    group: "401 or 403?",
    label: "Signed in, not allowed: 403",
    method: "GET",
    endpoint: "admin/user/passwd",
    auth: { type: "basic", ...account },
    hint: "The credentials are right, but only admin may enter: 403 Forbidden, and sending them again will not help (RFC 9110 §15.5.4).",
  },
  {
    id: "admin-200",
    group: "401 or 403?",
    label: "Signed in as admin: 200",
    method: "GET",
    endpoint: "admin/admin/passwd",
    auth: { type: "basic", user: "admin", password: "passwd" },
    hint: "The same resource lets admin in. Without credentials, or with wrong ones, it answers 401 with a challenge.",
  },
  ...bearerPresets,
  ...digestAlgorithms.map((algorithm): Preset => ({
    id: `digest-auth-${algorithm}`,
    group: "Digest (RFC 7616)",
    label: `qop=auth, ${algorithm}`,
    method: "GET",
    endpoint: `digest-auth/auth/user/passwd/${algorithm}`,
    auth: { type: "digest", ...account },
    hint: "Send like a browser: the first request gets a nonce, the second answers it. Each step shows HA1, HA2 and the response.",
  })),
  {
    id: "digest-auth-int",
    group: "Digest (RFC 7616)",
    label: "qop=auth-int, SHA-256, with a body",
    method: "POST",
    endpoint: "digest-auth/auth-int/user/passwd/SHA-256",
    auth: { type: "digest", ...account },
    body: "hello",
    hint: "With qop=auth-int the hash of the body is part of A2 (RFC 7616 §3.4.3): change the body after the challenge and the response no longer matches.",
  },
  {
    id: "digest-stale",
    group: "Digest (RFC 7616)",
    label: "Nonce stale after one request",
    method: "GET",
    endpoint: "digest-auth/auth/user/passwd/SHA-256/1",
    auth: { type: "digest", ...account },
    hint: "Each nonce here authenticates one request. Send like a browser twice: the second time the remembered nonce gets 401 with stale=true, and the client retries with the new one without asking for the password.",
  },
  ...[200, 301, 401, 403, 404, 405, 407, 418, 429, 500, 503].map((code): Preset => ({
    id: `status-${code}`,
    group: "Any status code",
    label: `status/${code}`,
    method: "GET",
    endpoint: `status/${code}`,
    auth: { type: "none" },
    hint: "status/{code} answers any code from 100 to 599 with the header fields it needs. Edit the endpoint to try another.",
  })),
];

export const defaultPreset = presets[0] as Preset;

/** The scenarios grouped for the <select>, in order. */
export function presetGroups(): Array<{ group: string; presets: Preset[] }> {
  const groups: Array<{ group: string; presets: Preset[] }> = [];
  for (const preset of presets) {
    const last = groups.at(-1);
    if (last?.group === preset.group) last.presets.push(preset);
    else groups.push({ group: preset.group, presets: [preset] });
  }
  return groups;
}

export function findPreset(id: string): Preset | undefined {
  return presets.find((preset) => preset.id === id);
}
