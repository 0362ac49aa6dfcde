import { readFileSync } from "node:fs";
import { examplesDir } from "./examples.ts";

/**
 * One recorded exchange of the guide "From a 401 to a token" (examples/oauth/<name>), as the live
 * server answered it; tests/integration/oauth-exchanges.test.ts records and checks these files.
 * A missing file fails the build: the guide shows nothing it did not record.
 */
export function oauthExchange(name: string): string {
  return readFileSync(`${examplesDir}oauth/${name}`, "utf8").trimEnd();
}
