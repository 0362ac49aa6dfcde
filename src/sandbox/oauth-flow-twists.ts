/**
 * The reader's "one thing to change" (oauth-flow-options.ts) as one table of hooks: each twist
 * says where it bends the correct client of oauth-flow.ts, and the phases ask the table, never
 * the twist's name.
 */
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import type { OAuthFlowTwist } from "./oauth-flow-options.ts";
import type { OAuthSession } from "./oauth-flow-session.ts";

export interface TwistHooks {
  /** The state sent to the authorization endpoint (RFC 6749 §4.1.1), given the random one. */
  state?: (random: string) => string;
  /** The resource a token is asked for (RFC 8707 §2), instead of the one called. */
  tokenResource?: (session: OAuthSession) => string;
  /** The redirect_uri sent to the authorization endpoint, instead of the registered one. */
  redirectUri?: string;
  /** Leave PKCE's code_verifier out of the token request (RFC 7636 §4.5). */
  dropVerifier?: boolean;
  /** Send the token request again with the same code (RFC 6749 §4.1.2: good for one use). */
  replayCode?: boolean;
  /** The access token the client presents, made from the one it got, and the label of that call. */
  presentToken?: { make: (accessToken: string) => Promise<string>; label: string };
  /** The URL a DPoP proof names (htu, RFC 9449 §4.2), instead of the one called. */
  proofUrl?: (session: OAuthSession) => string;
  /** After the resource gives a DPoP nonce, send again without it (RFC 9449 §9). */
  skipResourceNonce?: boolean;
}

/** The same claims signed with a key the authorization server never had: what a forger can make. */
async function forge(token: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256");
  const header = decodeProtectedHeader(token);
  return new SignJWT(decodeJwt(token)).setProtectedHeader({ ...header, alg: "ES256" }).sign(privateKey);
}

export const twistHooks: Record<OAuthFlowTwist, TwistHooks> = {
  none: {},
  "drop-pkce": { dropVerifier: true },
  "wrong-audience": {
    tokenResource: (session) =>
      session.resourceUrlOf(session.resourceUrl === session.resourceUrlOf("resource") ? "step-up" : "resource"),
  },
  "replay-code": { replayCode: true },
  "skip-nonce": { skipResourceNonce: true },
  "dpop-other-url": { proofUrl: (session) => session.resourceUrlOf("resource") },
  "forged-token": { presentToken: { make: forge, label: "Retried with a forged token (same claims, another key)" } },
  "hostile-redirect": { redirectUri: `https://attacker.example/callback?x="><img src=x onerror=alert(1)>` },
  "long-state": { state: () => "s".repeat(20_000) },
};
