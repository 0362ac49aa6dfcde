import { sha256Base64url, type Problem } from "../../../http/index.ts";
import { base64url, calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, errors, jwtVerify } from "jose";
import type { OnceKeyspace } from "../../memory.ts";

/** The asymmetric algorithms accepted for DPoP proofs (RFC 9449 §4.3: never none, never a MAC). */
export const dpopAlgorithms = ["ES256", "ES384", "EdDSA", "Ed25519", "PS256", "RS256"] as const;

/** The longest DPoP field value looked at; a proof with an RSA-4096 key stays well under it. */
const maxProofLength = 4096;
/** How far a proof's iat may be from the server's clock (RFC 9449 §4.3 step 11, §11.1). */
const iatWindowSeconds = 60;

export type DpopProofInput = {
  request: Request;
  /** The access token the proof must be bound to (ath, RFC 9449 §4.2), at a resource; absent at the token endpoint. */
  accessToken?: string;
  /** Whether a nonce is one this server issued and still accepts (RFC 9449 §8, §9). */
  nonceAccepted: (nonce: string) => Promise<boolean>;
  now: number;
  /** The proof jti's seen, so that no proof is accepted twice (RFC 9449 §11.1). */
  replay: OnceKeyspace;
};

/** A refused proof: the project's failure shape, the OAuth error code (RFC 9449 §7.1, §8) as its reason. */
export type DpopProofResult =
  { ok: true; jkt: string } | { ok: false; error: Problem & { reason: "invalid_dpop_proof" | "use_dpop_nonce" } };

const invalid = (message: string): DpopProofResult => ({ ok: false, error: { message, reason: "invalid_dpop_proof" } });

/** RSA keys a proof may carry: the usual public exponent only, and a modulus of this many bits. */
export const rsaLimits = { exponent: "AQAB", minBits: 2048, maxBits: 4096 } as const;

/**
 * Why the server will not verify with the proof's key, or undefined. Verifying an RSA signature
 * costs about as much as the public exponent is long: with e = 65537 (17 bits) it is cheap, with an
 * exponent as long as the modulus it is a private-key operation, which a client could make the
 * server pay for on every request. So RSA keys must have e = 65537 and a 2048 to 4096-bit modulus
 * (decisions/oauth-sandbox.md); EC and EdDSA keys have fixed sizes and are left to jose.
 */
function unaffordableKey(proof: string): string | undefined {
  let jwk: unknown;
  try {
    jwk = decodeProtectedHeader(proof).jwk;
  } catch {
    return undefined; // jwtVerify says what is wrong with it.
  }
  if (typeof jwk !== "object" || jwk === null || (jwk as { kty?: unknown }).kty !== "RSA") return undefined;
  const { e, n } = jwk as { e?: unknown; n?: unknown };
  if (e !== rsaLimits.exponent)
    return "The DPoP proof's RSA key has a public exponent other than 65537 (AQAB): this server verifies RSA keys with the usual exponent only.";
  let modulus: Uint8Array;
  try {
    modulus = typeof n === "string" ? base64url.decode(n) : new Uint8Array();
  } catch {
    modulus = new Uint8Array();
  }
  const bits = modulus.length === 0 ? 0 : (modulus.length - 1) * 8 + (32 - Math.clz32(modulus[0]!));
  if (bits < rsaLimits.minBits || bits > rsaLimits.maxBits)
    return `The DPoP proof's RSA key has a ${bits}-bit modulus: this server accepts ${rsaLimits.minBits} to ${rsaLimits.maxBits} bits.`;
  return undefined;
}

/** The request URI without query and fragment, as htu compares it (RFC 9449 §4.3 step 9). */
function withoutQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * Checks the DPoP proof of a request, RFC 9449 §4.3 step by step, with jose for the JWS: exactly
 * one DPoP field holding one JWT; typ `dpop+jwt`; an asymmetric alg; a public `jwk` in the header
 * that verifies the signature; `jti`, `htm` equal to the method, `htu` equal to the request URI
 * without query and fragment, `iat` within a minute; `ath` the base64url SHA-256 of the access token
 * when one is presented (§7.1); a `nonce` this server issued (§8, §9: otherwise use_dpop_nonce);
 * and a jti not seen before. Returns the key's JWK SHA-256 thumbprint (RFC 7638), which a
 * DPoP-bound token carries as `cnf.jkt` (§6.1).
 */
export async function verifyDpopProof(input: DpopProofInput): Promise<DpopProofResult> {
  const proof = input.request.headers.get("DPoP");
  if (proof === null) return invalid("The request has no DPoP field with a proof (RFC 9449 §4.1).");
  if (proof.length > maxProofLength) return invalid(`The DPoP proof is longer than ${maxProofLength} characters.`);
  if (proof.includes(",")) return invalid("The request has more than one DPoP field (RFC 9449 §4.3 step 1).");
  const keyProblem = unaffordableKey(proof.trim());
  if (keyProblem !== undefined) return invalid(keyProblem);

  let payload;
  let jwk;
  try {
    const verified = await jwtVerify(proof.trim(), EmbeddedJWK, {
      typ: "dpop+jwt",
      algorithms: [...dpopAlgorithms],
      currentDate: new Date(input.now),
    });
    payload = verified.payload;
    jwk = verified.protectedHeader.jwk;
  } catch (error) {
    if (error instanceof errors.JOSEAlgNotAllowed)
      return invalid(
        `The DPoP proof is signed with an algorithm this server does not accept (${dpopAlgorithms.join(", ")}).`,
      );
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "typ")
      return invalid('The DPoP proof\'s typ header is not "dpop+jwt" (RFC 9449 §4.2).');
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return invalid("The DPoP proof's signature does not verify with the jwk in its header (RFC 9449 §4.3 step 7).");
    return invalid("The DPoP field is not a signed JWT with a public jwk in its header (RFC 9449 §4.2).");
  }
  if (jwk === undefined) return invalid("The DPoP proof has no jwk header (RFC 9449 §4.2).");

  const { jti, htm, htu, iat, ath, nonce } = payload as Record<string, unknown>;
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 256)
    return invalid("The DPoP proof has no jti (a unique identifier of up to 256 characters, RFC 9449 §4.2).");
  if (htm !== input.request.method)
    return invalid(
      `The DPoP proof is for the method ${String(htm)}, not ${input.request.method} (htm, RFC 9449 §4.3 step 8).`,
    );
  const expected = withoutQuery(input.request.url);
  if (typeof htu !== "string" || htu.length > 2048 || withoutQuery(htu) !== expected)
    return invalid(
      `The DPoP proof is for another URL (htu must be ${expected ?? "the request URI"} without query and fragment, RFC 9449 §4.3 step 9).`,
    );
  if (typeof iat !== "number" || Math.abs(iat - input.now / 1000) > iatWindowSeconds)
    return invalid(
      `The DPoP proof's iat is not within ${iatWindowSeconds} seconds of the server's clock (RFC 9449 §4.3 step 11).`,
    );
  if (input.accessToken !== undefined) {
    if (ath !== (await sha256Base64url(input.accessToken)))
      return invalid(
        "The DPoP proof's ath is not the SHA-256 hash of this access token (RFC 9449 §4.3 step 12, §7.1).",
      );
  }
  if (typeof nonce !== "string" || !(await input.nonceAccepted(nonce))) {
    return {
      ok: false,
      error: {
        reason: "use_dpop_nonce",
        message:
          nonce === undefined
            ? "This server requires a nonce in DPoP proofs: use the one in the DPoP-Nonce field (RFC 9449 §8, §9)."
            : "The DPoP proof's nonce is not current: use the one in the DPoP-Nonce field (RFC 9449 §8, §9).",
      },
    };
  }
  const jkt = await calculateJwkThumbprint(jwk, "sha256");
  // Remembered until its iat leaves the window: after that the iat check above refuses it anyway.
  const until = Math.ceil((iat + iatWindowSeconds) * 1000) + 1000;
  if ((await input.replay.use(`${jkt} ${jti}`, until, input.now)) === "replayed")
    return invalid("This DPoP proof was used before; make a new one for every request (jti, RFC 9449 §11.1).");
  return { ok: true, jkt };
}
