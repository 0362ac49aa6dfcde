/**
 * What a reader can choose for the sandbox's OAuth client (oauth-flow.ts): which protected resource
 * to reach, and one thing to change on the way. Plain data, no jose: pages render these choices at
 * build time, and the step machine loads on first use.
 */
import { oauthDemoUser } from "./scenarios/oauth/oauth-constants.ts";

export const oauthFlowResources = [
  { id: "resource", label: "api/oauth/resource: a Bearer token (scope read)" },
  { id: "write", label: "api/oauth/resource, then a write (a scope step-up)" },
  { id: "step-up", label: "api/oauth/step-up: a multi-factor step-up (RFC 9470)" },
  { id: "dpop", label: "api/oauth/dpop: a DPoP-bound token (RFC 9449)" },
  { id: "bearer", label: "api/bearer: no OAuth metadata (MCP's fallbacks)" },
] as const;
export type OAuthFlowResource = (typeof oauthFlowResources)[number]["id"];

export const oauthFlowTwists = [
  { id: "none", label: "Nothing: a correct client" },
  { id: "drop-pkce", label: "Drop PKCE: no code_verifier in the token request" },
  { id: "wrong-audience", label: "Wrong audience: ask for a token for another resource" },
  { id: "replay-code", label: "Replay the code: send the token request twice" },
  { id: "skip-nonce", label: "Skip the resource's DPoP nonce (dpop)" },
  { id: "dpop-other-url", label: "A DPoP proof made for another URL (dpop)" },
  { id: "forged-token", label: "A forged access token, signed with another key" },
  { id: "hostile-redirect", label: "A hostile redirect_uri that was never registered" },
  { id: "long-state", label: "A 20 kB state" },
] as const;
export type OAuthFlowTwist = (typeof oauthFlowTwists)[number]["id"];

/** The changes that only make sense with a DPoP-bound token. */
export const dpopOnlyTwists: readonly OAuthFlowTwist[] = ["skip-nonce", "dpop-other-url"];

export interface OAuthFlowOptions {
  resource: OAuthFlowResource;
  twist: OAuthFlowTwist;
  /** After the first 200, call again, refresh the token (RFC 6749 §6) and retry with the new one. */
  refresh: boolean;
  /** What the client types into the login form; the demo user by default. */
  login?: { username: string; password: string; oneTimeCode: string };
}

/** The diagram's participants after the client, in order. */
export const oauthParticipants = ["Resource server", "Authorization server"] as const;
export type OAuthParticipant = (typeof oauthParticipants)[number];

export const defaultOAuthLogin = oauthDemoUser;
