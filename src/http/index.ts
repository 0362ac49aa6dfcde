/**
 * The HTTP authentication library: pure functions over strings, no framework, no DOM, no node:.
 * This file is its only import surface; see ARCHITECTURE.md "Contracts" for the names others rely on.
 */

// The one failure shape (ARCHITECTURE.md, "Contracts")
export { failure, problemOf, type Failure, type Problem, type Result } from "./problem.ts";
export { isJsonObject, parseJsonObject } from "./json.ts";
export { shorten } from "./shorten.ts";

// Challenges and credentials (RFC 9110 §11)
export type {
  AuthParseError,
  Challenge,
  Credentials,
  ParseChallengesResult,
  ParseCredentialsResult,
} from "./auth-field.ts";
export { parseChallenges } from "./auth-field.ts";
export { parseCredentials } from "./auth-field.ts";
export { formatChallenge } from "./auth-field.ts";
export { formatChallenges } from "./auth-field.ts";
export { formatCredentials } from "./auth-field.ts";
export { quoteString } from "./grammar.ts";
export { isToken, isToken68 } from "./grammar.ts";
export { scanAuthField, type ScannedAuth, type ScannedParam, type ScanResult } from "./auth-scanner.ts";

// Basic (RFC 7617)
export { encodeBasic } from "./basic.ts";
export { parseBasic, type ParseBasicResult } from "./basic.ts";
export { basicChallenge, type BasicChallengeOptions } from "./basic.ts";
export { basicCredentialsProblem } from "./basic.ts";

// Bearer (RFC 6750)
export { bearerChallenge, type BearerChallengeOptions } from "./bearer.ts";
export { bearerErrorStatus } from "./bearer.ts";
export { bearerAttributeProblem } from "./bearer.ts";
export { isB64token } from "./bearer.ts";
export { parseBearer, type ParseBearerResult } from "./bearer.ts";

// Digest (RFC 7616)
export { digestAlgorithm, type DigestAlgorithm } from "./digest.ts";
export { digestChain, type DigestChain, type DigestInput } from "./digest.ts";
export { digestResponse } from "./digest.ts";
export { digestUserhash } from "./digest.ts";
export { digestAuthorization } from "./digest.ts";
export {
  createDigestServer,
  type DigestQop,
  type DigestServer,
  type DigestServerOptions,
  type DigestVerifyFailure,
  type DigestVerifyInput,
  type DigestVerifyResult,
} from "./digest-server.ts";
export { createDigestReplayMemory, type DigestNonceCounts, type DigestReplayMemory } from "./digest-server.ts";
export { decodeExtValue, encodeExtValue } from "./ext-value.ts";
export { bytesToBase64url } from "./base64.ts";
export { pkcePair, sha256Base64url } from "./sha256-base64url.ts";

// Lints and explanations
export { combinedField, type Finding, type HeaderList } from "./lints.ts";
export { rfcReference, type Citation, type RfcReference } from "./lints.ts";
export { lintResponse } from "./lints.ts";
export { lintRequest } from "./lints.ts";
export { explainParam, type ParamExplanation } from "./lints.ts";

// Exchanges: transcript, sequence diagram, code
export type { Exchange, HttpRequestRecord, HttpResponseRecord } from "./transcript.ts";
export { requestTarget } from "./transcript.ts";
export { reasonPhrase, responsePhrase, statusAndPhrase } from "./transcript.ts";
export { formatRequestTranscript, formatResponseTranscript, formatTranscript } from "./transcript.ts";
export { sequenceDiagram, type SequenceDiagramOptions } from "./sequence-diagram.ts";
export { mermaidText } from "./sequence-diagram.ts";
export { toCurl, type CodegenOptions, type DigestLogin } from "./codegen.ts";
export { toFetch } from "./codegen.ts";
export { toPython } from "./codegen.ts";
export { toPhp } from "./codegen.ts";

// Checking a real server: the response as a whole, pasted text, OAuth metadata (RFC 9728, RFC 8414)
export { readAuthResponse, type AuthResponseReading } from "./read-auth-response.ts";
export { readPaste, type Paste, type PastedResponse } from "./read-paste.ts";
export { wellKnownUrl } from "./well-known-url.ts";
export {
  httpsProblem,
  lintAuthorizationServerMetadata,
  lintProtectedResourceMetadata,
  type FetchedDocument,
  type MetadataLint,
} from "./lint-oauth-metadata.ts";
export { lintAccessTokenClaims, lintAuthorizationResponse, lintTokenInUrl } from "./lint-oauth-flow.ts";
export { loopbackHosts, redirectUriMatches } from "./redirect-uri.ts";

// Field values the status-code checks read (RFC 9110 §5.6.7, §8.3.1, §10.2.3, §14.4; RFC 9111 §5.2)
export {
  deltaSeconds,
  isEntityTag,
  parseCacheControl,
  parseContentRange,
  parseHttpDate,
  parseMediaType,
  parseRetryAfter,
  parseTokenList,
  splitList,
  type ContentRange,
  type HttpDateFormat,
} from "./field-values.ts";
