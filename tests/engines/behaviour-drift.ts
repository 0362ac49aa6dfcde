/**
 * `npm test`'s drift check of src/data/browser-behaviour.json: re-measures a sample of codes in
 * both engines (scripts/browser-behaviour.ts, the same measurement that wrote the data) and fails
 * when any entry differs, naming the code, the engine and the entry, so a browser update cannot
 * leave a status page's "What browsers do" wrong without anyone noticing. The sample covers each
 * kind of behaviour: a kept page (204), a cached permanent redirect (301, where the engines
 * differ), a 303 POST turned into GET, a login dialog (401), and a 407 from an origin server
 * (where they differ again).
 *   node tests/engines/behaviour-drift.ts [codes]
 */
import { measure, readData } from "../../scripts/browser-behaviour.ts";
import { driftBetween } from "./drift.ts";
import { engines } from "./engines.ts";

export const driftSample = [204, 301, 303, 401, 407];

if (import.meta.main) {
  const codes = process.argv[2] === undefined ? driftSample : process.argv[2].split(",").map(Number);
  const data = readData();
  const started = performance.now();
  const measured = await measure(codes, engines, false);
  const drift = driftBetween(data.codes, measured.codes);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const versions = engines.map((engine) => `${engine} ${measured.engines[engine]} (data: ${data.engines[engine]})`);
  console.log(`Re-measured ${codes.join(", ")} in ${versions.join(", ")} in ${seconds} s.`);
  if (drift.length > 0) {
    console.error(
      `What browsers do has drifted from src/data/browser-behaviour.json:\n  ${drift.join("\n  ")}\nRe-measure with node scripts/browser-behaviour.ts, read the changes, and commit the data.`,
    );
    process.exit(1);
  }
  console.log("No drift: every sampled entry is as recorded.");
}
