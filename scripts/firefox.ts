import { existsSync } from "node:fs";

/**
 * The Firefox the project drives as its second engine: FIREFOX_PATH if set, else Debian's
 * firefox-esr. Playwright cannot drive a stock Firefox; puppeteer-core does, over WebDriver BiDi
 * (decisions/second-browser-engine.md).
 */
export function firefoxPath(): string | undefined {
  const candidates = [process.env["FIREFOX_PATH"], "/usr/bin/firefox-esr", "/usr/bin/firefox"];
  return candidates.find(
    (candidate): candidate is string => candidate !== undefined && candidate !== "" && existsSync(candidate),
  );
}

/**
 * Preferences that keep headless Firefox off the network (beside puppeteer's own, which turn off
 * updates, telemetry and safe browsing): no captive-portal or connectivity checks, and every
 * proxied request sent to a closed loopback port, so nothing but 127.0.0.1 is ever reached.
 * Loopback itself is never proxied (network.proxy.allow_hijacking_localhost stays false).
 */
export const firefoxPrefs: Readonly<Record<string, string | number | boolean>> = {
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.proxy.type": 1,
  "network.proxy.http": "127.0.0.1",
  "network.proxy.http_port": 9,
  "network.proxy.ssl": "127.0.0.1",
  "network.proxy.ssl_port": 9,
  "network.proxy.share_proxy_settings": true,
  "browser.ping-centre.telemetry": false,
  "toolkit.telemetry.enabled": false,
};
