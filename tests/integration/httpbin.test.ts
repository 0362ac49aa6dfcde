/**
 * The sandbox API against httpbin, the service its paths come from (Debian's python3-httpbin on
 * loopback): the same request sequences go to both, and their status codes, challenge schemes and
 * parameter names must agree, except for the differences listed, with their RFC reasons, in
 * src/content/httpbin-differences.ts (and so on the page /httpbin/). A difference not listed
 * fails, and so does a listed one that no longer occurs.
 */
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { httpbinDifferences, type ObservedDifference } from "../../src/content/httpbin-differences.ts";
import { startHttpbin, type RunningHttpbin } from "./httpbin-server.ts";
import { compareObservations, probes, runProbe } from "./httpbin-probes.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let ours: LiveServer;
let httpbin: RunningHttpbin;
/** Every difference seen, with the probe and the request (1-based) that showed it. */
const seen: Array<{ probe: string; request: number; difference: ObservedDifference }> = [];

beforeAll(async () => {
  [ours, httpbin] = await Promise.all([startLiveServer(), startHttpbin()]);
  for (const probe of probes) {
    const [a, b] = await Promise.all([runProbe(`${ours.origin}/api/`, probe), runProbe(`${httpbin.origin}/`, probe)]);
    a.forEach((observation, index) => {
      const other = b[index];
      if (other === undefined) return;
      for (const difference of compareObservations(observation, other)) {
        seen.push({ probe: probe.name, request: index + 1, difference });
      }
    });
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([ours?.stop(), httpbin?.stop()]);
});

const describe = (difference: ObservedDifference) => JSON.stringify(difference);

test("the comparison sees the requests answered: both servers challenge basic-auth without credentials", async () => {
  const [a, b] = await Promise.all([
    fetch(`${ours.origin}/api/basic-auth/user/passwd`),
    fetch(`${httpbin.origin}/basic-auth/user/passwd`),
  ]);
  expect([a.status, b.status]).toEqual([401, 401]);
  expect(b.headers.get("WWW-Authenticate")).toMatch(/^Basic /);
});

test("every difference from httpbin is listed, with its RFC reason, in httpbin-differences.ts", () => {
  const unlisted = seen.filter(
    ({ probe, difference }) =>
      !httpbinDifferences.some(
        (listed) => listed.probes.includes(probe) && isDeepStrictEqual(listed.observed, difference),
      ),
  );
  expect(
    unlisted.map(({ probe, request, difference }) => `${probe}, request ${request}: ${describe(difference)}`),
    "Fix these, or list them with their RFC reason in src/content/httpbin-differences.ts",
  ).toEqual([]);
});

test("every listed difference still occurs, in every sequence it names", () => {
  const names = new Set(probes.map((probe) => probe.name));
  const stale = httpbinDifferences.flatMap((listed) =>
    listed.probes
      .filter(
        (probe) =>
          !names.has(probe) ||
          !seen.some((each) => each.probe === probe && isDeepStrictEqual(each.difference, listed.observed)),
      )
      .map((probe) => `${probe}: ${describe(listed.observed)}`),
  );
  expect(stale, "These no longer occur: remove them from src/content/httpbin-differences.ts").toEqual([]);
});

test("every listed difference cites an RFC section and gives a reason", () => {
  for (const listed of httpbinDifferences) {
    expect(listed.reason.length, listed.summary).toBeGreaterThan(40);
    expect(listed.cites.length, listed.summary).toBeGreaterThan(0);
    for (const cite of listed.cites)
      expect(cite.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/);
  }
});
