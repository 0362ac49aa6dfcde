/**
 * The Debian packages the test suite drives for real: Chromium and Firefox ESR for browser tests, curl, PHP with
 * cURL and Python requests for the code samples, httpbin as the reference server, nginx and
 * Apache for the configuration snippets, openssl (a certificate and a TLS 1.3 client with early
 * data for the 425 snippets), and redis-server (the memory several live servers share, keynote.test.ts). Missing ones are installed when we are root on a
 * Debian-like machine; otherwise the exact command is printed.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "./chromium.ts";
import { firefoxPath } from "./firefox.ts";

const ok = (command: string, args: string[]) => spawnSync(command, args, { stdio: "ignore" }).status === 0;

export function missingSystemPackages(): string[] {
  const missing: string[] = [];
  if (!chromiumPath()) missing.push("chromium");
  if (!firefoxPath()) missing.push("firefox-esr");
  if (!ok("curl", ["--version"])) missing.push("curl");
  if (!ok("php", ["--version"])) missing.push("php-cli");
  if (!ok("php", ["-r", "exit(function_exists('curl_init') ? 0 : 1);"])) missing.push("php-curl");
  if (!ok("/usr/bin/python3", ["-c", "import requests"])) missing.push("python3-requests");
  if (!ok("/usr/bin/python3", ["-c", "import httpbin"])) missing.push("python3-httpbin");
  if (!existsSync("/usr/sbin/nginx")) missing.push("nginx");
  if (!existsSync("/usr/sbin/apache2")) missing.push("apache2");
  if (!ok("openssl", ["version"])) missing.push("openssl");
  if (!existsSync("/usr/bin/redis-server")) missing.push("redis-server");
  return [...new Set(missing)];
}

/** Installs what is missing if it can; returns a sentence for the reader if it cannot. */
export function ensureSystemPackages(): string | undefined {
  const missing = missingSystemPackages();
  if (missing.length === 0) return undefined;
  const command = `apt-get install -y ${missing.join(" ")}`;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    return `The tests need these system packages: ${missing.join(", ")}. On Debian or Ubuntu run: sudo apt-get update && sudo ${command} (or set CHROME_PATH to another Chromium, FIREFOX_PATH to another Firefox).`;
  }
  console.log(`Installing the system packages the tests need: ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const result = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    stdio: "inherit",
    env,
  });
  const still = missingSystemPackages();
  if (result.status !== 0 || still.length > 0) {
    return `Could not install ${still.join(", ")} with apt-get; install them by hand: ${command}`;
  }
  return undefined;
}
