/**
 * The sandbox's one public surface (ARCHITECTURE.md, "The sandbox client"): components, pages and
 * scripts import the sandbox from here only (ESLint enforces it). The client starts the transport,
 * keeps the client memory, answers challenges, sends drafts exactly as built or like a browser,
 * and reports every response as the handler sent it.
 */
import { createSandboxClient, type SandboxClient } from "./client.ts";

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
export {
  parseHeaderLines,
  stepDraft,
  type AuthDraft,
  type RequestDraft,
  type StepAuth,
  type StepRequest,
} from "./build-request.ts";
export {
  createLessonRun,
  readResponseValue,
  stepMismatches,
  type LessonRequest,
  type LessonRun,
  type LessonStepSpec,
  type SavedValue,
} from "./lesson-run.ts";
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
export { apiPath, apiRoot, sitePath } from "../site-config.ts";

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
