import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import { parseJsonObject } from "../../../http/index.ts";
import type { OAuthPaths, OAuthResourceName } from "./oauth-paths.ts";
import type { OnceKeyspace, SandboxMemory } from "../../memory.ts";
import { createGrantMemory, type GrantMemory } from "./grant-memory.ts";
import { createOneTimeMemory } from "./one-time-memory.ts";
import { createClientResolver, type ClientMetadataSource, type ResolvedClient } from "./client-metadata.ts";

export type OAuthServerOptions = {
  paths: OAuthPaths;
  secret: string | Uint8Array;
  now: () => number;
  accessTokenLifetimeSeconds: number;
  /** Where used codes and proofs are remembered (src/sandbox/memory.ts); default: in this context. */
  memory?: Pick<SandboxMemory, "once">;
  /** The ES256 pair for access tokens; default: one made here (each process its own). */
  signingKey?: { publicKey: CryptoKey; privateKey: CryptoKey };
  /**
   * How Client ID Metadata Documents are read (client-metadata.ts): the transport's fetch (the
   * page's own origin in the browser, the probe's address policy on `npm start`) and the site's own
   * published document. Default: none, and a URL client_id is refused with a sentence.
   */
  clientMetadata?: ClientMetadataSource;
};

/** Sizes past which a value is refused with a sentence rather than processed. */
export const limits = {
  form: 32_768,
  registration: 8_192,
  accessToken: 4_096,
  clientId: 2_048,
  redirectUri: 256,
  redirectUris: 3,
  clientName: 100,
  state: 1_024,
  scope: 200,
  resource: 512,
  acrValues: 200,
  credential: 200,
  code: 2_048,
  codeVerifier: 128,
  refreshToken: 2_048,
  opaqueToken: 4_096,
  /** A token presented for revocation or introspection (RFC 7009 §2.1, RFC 7662 §2.1). */
  presentedToken: 4_096,
} as const;

export const codeLifetimeSeconds = 60;
export const refreshLifetimeSeconds = 86_400;
/** DPoP nonces (RFC 9449 §8.2 leaves their lifetime to the server): two minutes, shorter than a token. */
export const nonceLifetimeSeconds = 120;

export type Claims = Record<string, unknown>;
/**
 * A registered client, as its signed client_id carries it. `access_token_lifetime` is this sandbox's
 * own client metadata (RFC 7591 §2 lets a server define more): a shorter access token lifetime,
 * in seconds, so that a workshop can watch a token expire.
 */
export type Client = {
  redirect_uris: string[];
  client_name?: string;
  dpop?: boolean;
  access_token_lifetime?: number;
  /** Set for a client known by its Client ID Metadata Document: the host the login page names. */
  document_host?: string;
  /** What a metadata document declared, when it is not what the sandbox serves (unauthorized_client). */
  unsupported?: string;
};

/** The shortest access token lifetime a client may register (seconds). */
export const minAccessTokenLifetimeSeconds = 5;

const encoder = new TextEncoder();

/** What every endpoint of the scenario shares: options, keys, signed values, URLs, one-time memories. */
/** When a grant's newest refresh token could expire (ms): its family is remembered until then. */
export const familyExpiry = (ctx: OAuthContext) => (ctx.seconds() + refreshLifetimeSeconds + 1) * 1000;

export type OAuthContext = {
  options: OAuthServerOptions;
  paths: OAuthPaths;
  now: () => number;
  seconds: () => number;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
  usedCodes: OnceKeyspace;
  usedProofs: OnceKeyspace;
  /** Access tokens revoked one by one (RFC 7009), by jti. */
  revokedTokens: OnceKeyspace;
  /** Each grant's family: refresh rotation and reuse, code replay revocation (grant-memory.ts). */
  grants: GrantMemory;
  seal: (typ: string, claims: Claims, lifetimeSeconds?: number) => Promise<string>;
  unseal: (typ: string, value: string, maxLength: number) => Promise<Claims | undefined>;
  nonceFor: (purpose: "as" | "resource") => Promise<string>;
  nonceAccepted: (purpose: "as" | "resource") => (nonce: string) => Promise<boolean>;
  absolute: (request: Request, path: string) => string;
  issuerOf: (request: Request) => string;
  resourceOf: (request: Request, name: OAuthResourceName) => string;
  clientOf: (clientId: string | undefined) => Promise<Client | undefined>;
  /** The client a client_id names: signed by this server (RFC 7591) or a metadata document's URL (client-metadata.ts). */
  resolveClient: (clientId: string | undefined) => Promise<ResolvedClient>;
  /** An opaque access token (AES-GCM under the sandbox key, not a JWT): only introspection reads it (RFC 7662). */
  sealOpaque: (claims: Claims) => Promise<string>;
  /** The claims of an opaque access token this server made, unexpired, or undefined. */
  openOpaque: (value: string) => Promise<Claims | undefined>;
};

/**
 * The keys and helpers of one OAuth sandbox. State is signed, not stored: client IDs (RFC 7591),
 * authorization codes, refresh tokens and DPoP nonces are HS256 JWTs (told apart by typ) under a
 * key derived from the sandbox secret (the server secret, see src/server/server-secret.ts), so they
 * survive a restart and any instance with the same secret accepts them. What must be used once is
 * remembered in bounded maps with expiry: used codes (RFC 6749 §4.1.2) and DPoP proof jti's (RFC
 * 9449 §11.1), and each grant's family (grant-memory.ts: refresh tokens rotate with reuse detection,
 * RFC 9700 §4.14.2; a replayed code revokes its tokens), in `options.memory` when given
 * (src/sandbox/memory.ts: Redis for several servers). Access tokens (RFC 9068) are signed with an
 * ES256 key published at jwks_uri: `options.signingKey` (the live server derives it from the
 * secret), else one made here, refused after a reload with invalid_token, and the client refreshes.
 */
export async function createOAuthContext(options: OAuthServerOptions): Promise<OAuthContext> {
  const { paths, now } = options;
  const raw = typeof options.secret === "string" ? encoder.encode(options.secret) : Uint8Array.from(options.secret);
  const label = encoder.encode("HTTP Status Lab OAuth sandbox v1\u0000");
  const macKey = new Uint8Array(await crypto.subtle.digest("SHA-256", Uint8Array.from([...label, ...raw])));
  const { publicKey, privateKey } = options.signingKey ?? (await generateKeyPair("ES256", { extractable: true }));
  const publicJwk = await exportJWK(publicKey);
  // The key's RFC 7638 thumbprint, cut short: the kid of the tokens and of jwks_uri.
  const kid = (await calculateJwkThumbprint(publicJwk, "sha256")).slice(0, 16);
  const once = options.memory?.once;
  const usedCodes = once?.codes ?? createOneTimeMemory();
  const usedProofs = once?.proofs ?? createOneTimeMemory();
  const revokedTokens = once?.revokedTokens ?? createOneTimeMemory();
  const grants = createGrantMemory({
    refreshTokens: once?.refreshTokens ?? createOneTimeMemory(),
    revokedGrants: once?.revokedGrants ?? createOneTimeMemory(),
  });
  const seconds = () => Math.floor(now() / 1000);

  /** A server-made value, signed: client IDs, codes, refresh tokens, nonces (typ keeps them apart). */
  const seal = (typ: string, claims: Claims, lifetimeSeconds?: number): Promise<string> => {
    const iat = seconds();
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ })
      .setIssuedAt(iat)
      .setJti(crypto.randomUUID());
    if (lifetimeSeconds !== undefined) jwt.setExpirationTime(iat + lifetimeSeconds);
    return jwt.sign(macKey);
  };
  const unseal = async (typ: string, value: string, maxLength: number): Promise<Claims | undefined> => {
    if (value.length > maxLength) return undefined;
    try {
      const { payload } = await jwtVerify(value, macKey, { typ, algorithms: ["HS256"], currentDate: new Date(now()) });
      return payload;
    } catch {
      return undefined;
    }
  };
  const nonceFor = (purpose: "as" | "resource") => seal("dpop-nonce+jwt", { use: purpose }, nonceLifetimeSeconds);
  const nonceAccepted = (purpose: "as" | "resource") => async (nonce: string) =>
    (await unseal("dpop-nonce+jwt", nonce, 512))?.["use"] === purpose;

  const absolute = (request: Request, path: string) => new URL(path, request.url).href;
  const issuerOf = (request: Request) => absolute(request, paths.issuer);
  const resourceOf = (request: Request, name: OAuthResourceName) => absolute(request, paths.resource[name]);

  const { clientOf, resolveClient } = clientLookup(unseal, options.clientMetadata ?? {}, now);
  const opaque = await opaqueTokens(raw, now);

  return {
    options,
    paths,
    now,
    seconds,
    publicKey,
    privateKey,
    publicJwk,
    kid,
    usedCodes,
    usedProofs,
    revokedTokens,
    grants,
    seal,
    unseal,
    nonceFor,
    nonceAccepted,
    absolute,
    issuerOf,
    resourceOf,
    clientOf,
    resolveClient,
    ...opaque,
  };
}

/** How a client_id becomes a client: signed by this server (RFC 7591), or the URL of its metadata document. */
function clientLookup(
  unseal: OAuthContext["unseal"],
  source: ClientMetadataSource,
  now: () => number,
): Pick<OAuthContext, "clientOf" | "resolveClient"> {
  /** The client a client_id stands for, if this server signed it. */
  const clientOf = async (clientId: string | undefined): Promise<Client | undefined> => {
    if (clientId === undefined) return undefined;
    const claims = await unseal("client-id+jwt", clientId, limits.clientId);
    if (claims === undefined || !Array.isArray(claims["redirect_uris"])) return undefined;
    return claims as unknown as Client;
  };
  const resolveDocument = createClientResolver(source, now);
  const resolveClient = async (clientId: string | undefined): Promise<ResolvedClient> => {
    if (clientId !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(clientId)) return resolveDocument(clientId);
    const client = await clientOf(clientId);
    return client === undefined
      ? {
          ok: false,
          error: "invalid_client",
          description:
            "The client_id is missing or is not one this server registered (RFC 6749 §4.1.2.1). Register the client first (RFC 7591), or use the URL of its client metadata document.",
        }
      : { ok: true, client };
  };
  return { clientOf, resolveClient };
}

/**
 * Opaque access tokens: the claims encrypted with AES-GCM (a random 96-bit IV per token) under a
 * key derived from the sandbox secret, base64url. Nothing is stored, so any server with the same
 * secret reads them; a reader sees random bytes, so a resource must ask introspection (RFC 7662).
 */
async function opaqueTokens(raw: Uint8Array, now: () => number) {
  const label = encoder.encode("HTTP Status Lab opaque access tokens v1\u0000");
  const keyBytes = await crypto.subtle.digest("SHA-256", Uint8Array.from([...label, ...raw]));
  const key = await crypto.subtle.importKey("raw", keyBytes, "AES-GCM", false, ["encrypt", "decrypt"]);
  const sealOpaque = async (claims: Claims): Promise<string> => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(JSON.stringify(claims)));
    return base64url.encode(Uint8Array.from([...iv, ...new Uint8Array(sealed)]));
  };
  const openOpaque = async (value: string): Promise<Claims | undefined> => {
    if (value.length > limits.opaqueToken || !/^[A-Za-z0-9_-]{40,}$/.test(value)) return undefined;
    try {
      const bytes = base64url.decode(value);
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
      const claims = parseJsonObject(new TextDecoder().decode(plain));
      const exp = claims?.["exp"];
      if (claims === undefined || typeof exp !== "number" || exp * 1000 <= now()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  };
  return { sealOpaque, openOpaque };
}
