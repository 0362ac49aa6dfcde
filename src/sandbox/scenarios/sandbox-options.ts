import type { CryptoKey } from "jose";
import type { SandboxMemory } from "../memory.ts";
import type { ClientMetadataSource } from "./oauth/client-metadata.ts";

/** What the sandbox handlers can be given, so that tests and each transport control time and keys. */
export type SandboxOptions = {
  /** The clock, in milliseconds since the epoch: Digest nonce ages, Bearer and OAuth token expiry. Default `Date.now`. */
  now?: () => number;
  /**
   * The HMAC key for Digest nonces and `opaque`, and (derived from it) for the OAuth scenario's
   * client IDs, codes, refresh tokens and DPoP nonces. Handler sets with the same secret accept each
   * other's nonces, so a restarted or second live server does not break a client mid-handshake.
   * Default: `defaultServerSecret`, the same everywhere and independent of the environment.
   */
  serverSecret?: string | Uint8Array;
  /** How long a Digest nonce is accepted before a correct response gets `stale=true`. Default 60 s. */
  nonceLifetimeMs?: number;
  /** How long the OAuth scenario's access tokens live (expires_in, RFC 6749 §5.1), in seconds. Default 300. */
  oauthAccessTokenLifetimeSeconds?: number;
  /** Picks from a weighted list in `status/{codes}` (a number in [0, 1)). Default `Math.random`. */
  random?: () => number;
  /**
   * What the handlers remember (Digest nonce counts, used codes and DPoP proofs, src/sandbox/memory.ts).
   * Default: a memory of this handler set's own. Handler sets given one shared memory refuse each other's replays.
   */
  memory?: SandboxMemory;
  /**
   * The OAuth scenario's ES256 key pair for access tokens (RFC 9068). Default: a pair made at the
   * first OAuth request. Several servers behind one name must share one (src/server/oauth-signing-key.ts).
   */
  oauthSigningKey?: { publicKey: CryptoKey; privateKey: CryptoKey };
  /**
   * How the OAuth authorization server reads Client ID Metadata Documents: the page's own origin in
   * the browser (browser.ts), the probe's address policy on `npm start` (src/server). Default: none,
   * and a URL client_id is refused with a sentence (scenarios/oauth/client-metadata.ts).
   */
  clientMetadata?: ClientMetadataSource;
};

/**
 * The default Digest nonce secret. It is public on purpose: the sandbox's credentials are public
 * too, and a fixed default lets every instance of the live server agree without configuration.
 * Knowing it lets a client forge nonces for this demo and nothing else; a deployment that cares
 * passes its own `serverSecret`.
 */
export const defaultServerSecret = "HTTP Status Lab: public Digest nonce secret for the demo sandbox, v1";

/** RFC 7616 leaves nonce lifetime to the server (§3.3, §5.5); a minute keeps `stale` easy to see. */
export const defaultNonceLifetimeMs = 60_000;
