import { existsSync } from "node:fs";

/**
 * The Chromium the project drives: CHROME_PATH if set, else Debian's /usr/bin/chromium.
 * Playwright cannot download browsers on these machines, so we always name an executable.
 */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env["CHROME_PATH"],
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find(
    (candidate): candidate is string => candidate !== undefined && candidate !== "" && existsSync(candidate),
  );
}

/** Flags that keep headless Chromium off the network and quiet on a locked-down machine. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
