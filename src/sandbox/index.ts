/**
 * The sandbox's one public surface (ARCHITECTURE.md, "The sandbox client"): components, pages and
 * scripts import the sandbox from here only (ESLint enforces it). The client starts the transport,
 * keeps the client memory, answers challenges, sends drafts exactly as built or like a browser,
 * and reports every response as the handler sent it.
 */
import { createSandboxClient, type SandboxClient } from "./client.ts";
import type { oauthFlowResources, oauthFlowTwists, oauthParticipants } from "./oauth-flow-options.ts";
import type { createLessonRun, readResponseValue, stepMismatches } from "./lesson-run.ts";
import type { readLoginForm, runOAuthFlow } from "./oauth-flow.ts";

export {
  createSandboxClient,
  type FollowOptions,
  type FollowOutcomeKind,
  type FollowResult,
  type FollowStep,
  type SandboxClient,
  type SendResult,
} from "./client.ts";
export { answerChallenge, newClientMemory, type ClientMemory, type DigestComputation } from "./answer-challenge.ts";
export { nextRedirect, type RedirectPolicy, type RedirectStep } from "./redirect.ts";
export {
  parseHeaderLines,
  stepDraft,
  type AuthDraft,
  type RequestDraft,
  type StepAuth,
  type StepRequest,
} from "./build-request.ts";
export type { LessonRequest, LessonRun, LessonStepSpec, SavedValue } from "./lesson-run.ts";

/**
 * The workshop lessons' runner (lesson-run.ts), loaded by the lesson view on its first step: a
 * static export here would put it into the chunk every sandbox page loads first.
 */
export function loadLessonRun(): Promise<{
  createLessonRun: typeof createLessonRun;
  readResponseValue: typeof readResponseValue;
  stepMismatches: typeof stepMismatches;
}> {
  return import("./lesson-run.ts");
}
export type { ExchangeResult, SandboxTransport } from "./transport.ts";
export {
  appendEntry,
  clearLog,
  createStore,
  emptyLog,
  logEntry,
  recordOutcome,
  selectedEntry,
  selectEntry,
  startRun,
  type LogEntry,
  type RunOutcome,
  type SandboxLog,
  type Store,
} from "./exchange-store.ts";
export { loadSandbox, saveSandbox, type FormSnapshot } from "./sandbox-persistence.ts";
export { demoTokens } from "./scenarios/demo-tokens.ts";
export { clockAheadField } from "./scenarios/oauth/oauth-constants.ts";
export { apiPath, apiRoot, sitePath } from "../site-config.ts";

export {
  defaultOAuthLogin,
  dpopOnlyTwists,
  oauthFlowResources,
  oauthFlowTwists,
  oauthParticipants,
  type OAuthFlowOptions,
  type OAuthFlowResource,
  type OAuthFlowTwist,
  type OAuthParticipant,
} from "./oauth-flow-options.ts";
export type {
  DecodedToken,
  OAuthClientSetup,
  OAuthFlow,
  OAuthOutcome,
  OAuthOutcomeKind,
  OAuthStep,
  OriginPolicy,
  ResourceCall,
  ResourceCalls,
} from "./oauth-flow.ts";

/**
 * The OAuth client's step machine (oauth-flow.ts), with jose, and its choices: loaded the first
 * time a reader runs it, so that no page pays for it before. (Import the choices above only at
 * build time: a page script that imports them from here makes every sandbox page load them.)
 */
export function loadOAuthFlow(): Promise<{
  runOAuthFlow: typeof runOAuthFlow;
  readLoginForm: typeof readLoginForm;
  oauthFlowResources: typeof oauthFlowResources;
  oauthFlowTwists: typeof oauthFlowTwists;
  oauthParticipants: typeof oauthParticipants;
}> {
  return import("./oauth-flow.ts");
}

let pageClient: Promise<SandboxClient> | undefined;

/**
 * The page's sandbox client, started once and shared by every island on the page: the service
 * worker at the base path, or the in-page fallback (browser.ts, loaded on first use so that a
 * page pays for msw only when it sends). In Node, use node.ts's nodeTransport with
 * createSandboxClient.
 */
export function startSandboxClient(base: string): Promise<SandboxClient> {
  pageClient ??= import("./browser.ts")
    .then(({ startBrowserTransport }) => startBrowserTransport(base))
    .then((transport) => createSandboxClient({ transport, base, origin: location.origin }));
  return pageClient;
}
