/**
 * The "What browsers do" section of a status page, in sentences: read from the measured data
 * (src/data/browser-behaviour.json, written by scripts/browser-behaviour.ts and re-measured in part
 * by `npm test`), one row per behaviour, one cell per engine. The page's component
 * (src/components/BrowserBehaviour.astro) only lays the rows out.
 */
import data from "../data/browser-behaviour.json" with { type: "json" };

export type Engine = "chromium" | "firefox";
export const engineNames: Readonly<Record<Engine, string>> = { chromium: "Chromium", firefox: "Firefox" };

interface FetchOutcome {
  status?: number;
  type?: string;
  redirected?: boolean;
  rejected?: string;
}

interface EngineBehaviour {
  navigation: string;
  asksCredentials: boolean;
  afterCancel?: string;
  fetchAsksCredentials: boolean;
  fetch: { follow: FetchOutcome; manual: FetchOutcome; error: FetchOutcome };
  readableFields: string[];
  afterPost?: { method: string; bodyKept: boolean } | "not-followed";
  reusedFromCache: boolean;
}

const codes = data.codes as unknown as Record<string, Record<Engine, EngineBehaviour> | undefined>;
const logins = data.logins as unknown as Record<Engine, Record<string, boolean>>;

export interface BehaviourRow {
  /** What was tried, as a reader would try it. */
  label: string;
  cells: Record<Engine, string>;
  /** The engines answered differently. */
  differs: boolean;
}

const navigationText: Readonly<Record<string, string>> = {
  rendered: "shows the response's body as the page",
  followed: "follows Location to the next page",
  kept: "keeps the page it came from",
  blank: "shows an empty page",
  "error-page": "shows its own error page, not the response",
  waited: "waits for the reader",
};

function navigation(entry: EngineBehaviour): string {
  if (entry.asksCredentials) {
    const after = navigationText[entry.afterCancel ?? ""] ?? "stops";
    return `asks for a user name and password in its own dialog; cancelled, it ${after}`;
  }
  return navigationText[entry.navigation] ?? entry.navigation;
}

function fetchText(outcome: FetchOutcome): string {
  if (outcome.rejected !== undefined) return `rejects (${outcome.rejected})`;
  if (outcome.type === "opaqueredirect") return "an opaque redirect: status 0, no fields, no Location";
  if (outcome.redirected === true)
    return `follows it: the page reads ${outcome.status} from the Location, redirected: true`;
  return `resolves with ${outcome.status}`;
}

function afterPost(entry: EngineBehaviour): string {
  if (entry.afterPost === undefined) return "";
  if (entry.afterPost === "not-followed") return "does not follow it: the page reads the 3xx";
  return `${entry.afterPost.method}, ${entry.afterPost.bodyKept ? "content kept" : "content dropped"}`;
}

function row(label: string, entries: Record<Engine, EngineBehaviour>, text: (entry: EngineBehaviour) => string) {
  const cells = { chromium: text(entries.chromium), firefox: text(entries.firefox) };
  return { label, cells, differs: cells.chromium !== cells.firefox };
}

/** The rows for one code, or undefined when it was not measured. */
export function behaviourRows(code: number): BehaviourRow[] | undefined {
  const entries = codes[String(code)];
  if (entries === undefined) return undefined;
  const rows: BehaviourRow[] = [
    row("Opening its URL (a link, the address bar)", entries, navigation),
    row('fetch(), redirect: "follow" (the default)', entries, (entry) => fetchText(entry.fetch.follow)),
    row('fetch(), redirect: "manual"', entries, (entry) => fetchText(entry.fetch.manual)),
    row('fetch(), redirect: "error"', entries, (entry) => fetchText(entry.fetch.error)),
    row('The code\'s own fields a page can read (same origin, redirect: "follow")', entries, (entry) =>
      entry.readableFields.length === 0 ? "none" : entry.readableFields.join(", "),
    ),
  ];
  if (entries.chromium.fetchAsksCredentials || entries.firefox.fetchAsksCredentials)
    rows.splice(
      2,
      0,
      row("Does that fetch() open the login dialog?", entries, (entry) =>
        entry.fetchAsksCredentials ? "yes, before the page sees the 401" : "no",
      ),
    );
  if (entries.chromium.afterPost !== undefined)
    rows.push(row("A POST with content, after the redirect", entries, afterPost));
  rows.push(
    row("The same fetch again", entries, (entry) =>
      entry.reusedFromCache ? "answered from the cache, no request" : "sent to the server again",
    ),
  );
  return rows;
}

/** Which login schemes each engine answers with its own dialog (shown on the 401 page). */
export function loginRows(): BehaviourRow[] {
  return Object.keys(logins.chromium).map((scheme) => {
    const cells = {
      chromium: logins.chromium[scheme] === true ? "answers it" : "does not answer it",
      firefox: logins.firefox[scheme] === true ? "answers it" : "does not answer it",
    };
    return { label: scheme, cells, differs: cells.chromium !== cells.firefox };
  });
}

/** "Chromium 156 and Firefox 153 on 7 December 2026". */
export function measuredIn(): string {
  const major = (version: string) => /^(\d+)/.exec(version)?.[1] ?? version;
  const date = new Date(`${data.measured}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return `Chromium ${major(data.engines.chromium)} and Firefox ${major(data.engines.firefox)} on ${date}`;
}

/** True when the engines' login dialog decides what a reader sees: the sandbox cannot show it. */
export function asksCredentials(code: number): boolean {
  const entries = codes[String(code)];
  return entries !== undefined && (entries.chromium.asksCredentials || entries.firefox.asksCredentials);
}
