/**
 * A challenge of WWW-Authenticate / Proxy-Authenticate (RFC 9110 §11.3): the scheme as written,
 * parameter names lower-cased (they are case-insensitive, §11.2), quoted values unescaped, and a
 * token68 kept verbatim. A challenge has either parameters or a token68, never both.
 */
export type Challenge = { scheme: string; params: Record<string, string>; token68?: string };

/** Credentials of Authorization / Proxy-Authorization (RFC 9110 §11.4): the same shape. */
export type Credentials = Challenge;

import type { Result } from "./problem.ts";

/** Where and why a field value broke the grammar; `offset` is the 0-based index of the culprit. */
export type AuthParseError = { message: string; offset: number };

export type ParseChallengesResult = Result<{ challenges: Challenge[] }, AuthParseError>;

export type ParseCredentialsResult = Result<{ credentials: Credentials }, AuthParseError>;
