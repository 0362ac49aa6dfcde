/**
 * The HTTP authentication library: pure functions over strings, no framework, no DOM, no node:.
 * This file is its only import surface; see ARCHITECTURE.md "Contracts" for the names others rely on.
 */

// The one failure shape (ARCHITECTURE.md, "Contracts")
export { failure, problemOf, type Failure, type Problem, type Result } from "./problem.ts";

// Challenges and credentials (RFC 9110 §11)
export type {
  AuthParseError,
  Challenge,
  Credentials,
  ParseChallengesResult,
  ParseCredentialsResult,
} from "./auth-types.ts";
export { parseChallenges } from "./parse-challenges.ts";
export { parseCredentials } from "./parse-credentials.ts";
export { formatChallenge } from "./format-challenge.ts";
export { formatChallenges } from "./format-challenges.ts";
export { formatCredentials } from "./format-credentials.ts";
export { quoteString } from "./format-auth-value.ts";
export { isToken, isToken68 } from "./grammar.ts";
export { scanAuthField, type ScannedAuth, type ScannedParam, type ScanResult } from "./scan-auth-field.ts";

// Basic (RFC 7617)
export { encodeBasic } from "./encode-basic.ts";
export { parseBasic, type ParseBasicResult } from "./parse-basic.ts";
export { basicChallenge, type BasicChallengeOptions } from "./basic-challenge.ts";
export { basicCredentialsProblem } from "./basic-credentials-problem.ts";

// Bearer (RFC 6750)
export { bearerChallenge, type BearerChallengeOptions } from "./bearer-challenge.ts";
export { bearerErrorStatus } from "./bearer-error-status.ts";
export { bearerAttributeProblem } from "./bearer-attribute-problem.ts";
export { isB64token } from "./is-b64token.ts";
export { parseBearer, type ParseBearerResult } from "./parse-bearer.ts";

// Digest (RFC 7616)
export { digestAlgorithm, type DigestAlgorithm } from "./digest-algorithm.ts";
export { digestChain, type DigestChain, type DigestInput } from "./digest-chain.ts";
export { digestResponse } from "./digest-response.ts";
export { digestUserhash } from "./digest-userhash.ts";
export { digestAuthorization } from "./digest-authorization.ts";
export {
  createDigestServer,
  type DigestQop,
  type DigestServer,
  type DigestServerOptions,
  type DigestVerifyFailure,
  type DigestVerifyInput,
  type DigestVerifyResult,
} from "./create-digest-server.ts";
export { createDigestReplayMemory, type DigestReplayMemory } from "./digest-replay-memory.ts";
export { decodeExtValue, encodeExtValue } from "./ext-value.ts";

// Lints and explanations
export { combinedField, type Finding, type HeaderList } from "./finding.ts";
export { rfcReference, type Citation, type RfcReference } from "./citation.ts";
export { lintResponse } from "./lint-response.ts";
export { lintRequest } from "./lint-request.ts";
export { explainParam, type ParamExplanation } from "./explain-param.ts";

// Exchanges: transcript, sequence diagram, code
export type { Exchange, HttpRequestRecord, HttpResponseRecord } from "./exchange.ts";
export { requestTarget } from "./request-target.ts";
export { reasonPhrase } from "./reason-phrase.ts";
export { formatRequestTranscript, formatResponseTranscript, formatTranscript } from "./transcript.ts";
export { sequenceDiagram, type SequenceDiagramOptions } from "./sequence-diagram.ts";
export { mermaidText } from "./mermaid-text.ts";
export { toCurl } from "./to-curl.ts";
export { toFetch } from "./to-fetch.ts";
export { toPython } from "./to-python.ts";
export { toPhp } from "./to-php.ts";
