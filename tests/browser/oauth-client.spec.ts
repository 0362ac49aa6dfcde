import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { expectCleanPage } from "./sandbox-helpers.ts";
import { oauthRegistrationLabel, oauthRunStatuses } from "./walk-facts.ts";

/**
 * "Send like an OAuth client" on /oauth/, through the real service worker on the base-path build:
 * the same flow as tests/integration/oauth-real-client.test.ts (oauth4webapi against `npm start`),
 * run by the sandbox's own client and read as a reader sees it: the log's status lines, the notes,
 * the decoded claims, the outcome, and the diagram's three participants. Then the changes a reader
 * can make, each with the server's RFC answer, and hostile input shown as inert text.
 */

const client = (page: Page) => page.locator("oauth-client");
const entries = (root: Locator) => root.locator("[data-exchange-log] .lab-exchange");
/** The chain without registration, which only a server that takes no client metadata document asks for (identity() checks which). */
const chain = (root: Locator) =>
  entries(root).filter({ hasNot: root.page().locator("h3", { hasText: oauthRegistrationLabel }) });
const statuses = (root: Locator) =>
  chain(root).evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-status")));

/**
 * The client_id rule (MCP 2025-11-25, Client Registration Approaches): the sandbox's server says
 * client_id_metadata_document_supported (the chain's third step), and the site's published
 * document lists this loopback page's redirect URI, so its URL (built from SITE, not this page's
 * origin) is the client_id and nothing registers. The neighbour, an origin the document does not
 * list, registers (src/sandbox/oauth-flow.test.ts).
 */
async function identity(root: Locator) {
  const metadata = (await chain(root).nth(2).locator(".lab-body").textContent()) ?? "";
  expect(metadata).toMatch(/"client_id_metadata_document_supported":\s*true/);
  const registration = entries(root).filter({ has: root.page().locator("h3", { hasText: oauthRegistrationLabel }) });
  await expect(registration).toHaveCount(0);
  const published = await root.page().request.get("oauth/client-metadata.json");
  const document: unknown = await published.json();
  expect(document).toMatchObject({
    client_id: "https://http-status-lab.github.io/http-status-lab/oauth/client-metadata.json",
  });
  await expect(chain(root).nth(3).locator(".lab-raw")).toContainText(
    `client_id=${encodeURIComponent("https://http-status-lab.github.io/http-status-lab/oauth/client-metadata.json")}`,
    { useInnerText: false },
  );
}
const outcome = (root: Locator) => root.locator("[data-oauth-outcome]");

async function open(page: Page, choices: { resource?: string; twist?: string; refresh?: boolean } = {}) {
  await page.goto("oauth/");
  const root = client(page);
  if (choices.resource !== undefined) await root.locator("select[name=resource]").selectOption(choices.resource);
  if (choices.twist !== undefined) await root.locator("select[name=twist]").selectOption(choices.twist);
  if (choices.refresh === true) await root.getByLabel(/refresh the token/).check();
  return root;
}

async function runToEnd(root: Locator) {
  await root.getByRole("button", { name: "Run to end" }).click();
  await expect(outcome(root)).toBeVisible({ timeout: 20_000 });
}

test("from the 401 to a 200 step by step, then a refresh after expiry: what the reader sees, and nothing leaves the origin", async ({
  page,
  watch,
}) => {
  test.setTimeout(60_000);
  await page.clock.install();
  const root = await open(page, { refresh: true });
  const oauthChunks = () =>
    watch.scriptUrls.filter((url) => /\/(oauth-flow|oauth-client-runtime)\.[\w-]+\.js$/.test(url));
  expect(oauthChunks()).toEqual([]);

  const next = root.getByRole("button", { name: "Next step" });
  await next.click();
  await expect(entries(root)).toHaveCount(1, { timeout: 20_000 });
  await expect(root).toHaveAttribute("data-ready", "service-worker");
  const first = entries(root).first();
  await expect(first.locator(".lab-status-line")).toHaveText("HTTP/1.1 401 Unauthorized");
  await expect(first).toHaveAttribute("data-server", "Resource server");
  await expect(first.locator(".lab-note")).toContainText("resource_metadata");
  // Stopped after one step: nothing more was sent.
  await expect(outcome(root)).toBeHidden();

  // Discovery, registration when the server asks for it, the login form, the redirect, the token, the retry.
  for (let clicks = 1; clicks < 10 && (await chain(root).count()) < oauthRunStatuses.length; clicks++) {
    await next.click();
    await expect(entries(root)).toHaveCount(clicks + 1, { timeout: 20_000 });
  }
  expect(await statuses(root)).toEqual([...oauthRunStatuses]);
  await identity(root);
  const servers = await chain(root).evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-server")));
  const [rs, as] = ["Resource server", "Authorization server"];
  expect(servers).toEqual([rs, rs, as, as, as, as, rs]);
  await expect(entries(root).nth(2).locator(".lab-raw")).toContainText(
    "/.well-known/oauth-authorization-server/http-status-lab/api/oauth/as",
    { useInnerText: false },
  );
  const login = chain(root).nth(4);
  await expect(login.locator(".lab-raw code").first()).toContainText("username=user&password=passwd", {
    useInnerText: false,
  });
  const token = chain(root).nth(5);
  const claims = token.locator("[data-token='access_token'] figure").nth(1);
  const origin = new URL(page.url()).origin;
  await expect(claims).toContainText(`"aud": "${origin}/http-status-lab/api/oauth/resource"`);
  await expect(claims).toContainText('"scope": "read"');
  await expect(chain(root).nth(3).locator(".lab-raw")).toContainText("code_challenge_method=S256", {
    useInnerText: false,
  });
  await expect(token.locator(".lab-raw")).toContainText(/code_verifier=[\w-]{43}&resource=http/, {
    useInnerText: false,
  });
  await expect(chain(root).nth(6).locator(".lab-note")).toHaveText("The resource accepted the token.");
  expect(oauthChunks().length).toBeGreaterThan(0);

  // Five minutes later (the handlers run in the page, on its clock) the token has expired.
  await page.clock.setSystemTime(Date.now() + 301_000);
  await runToEnd(root);
  expect(await statuses(root)).toEqual([...oauthRunStatuses, "401", "200", "200"]);
  await expect(chain(root).nth(7).locator(".lab-headers")).toContainText('error="invalid_token"');
  await expect(outcome(root)).toHaveAttribute("data-outcome", "authorized");
  await expect(outcome(root)).toContainText("then refreshed it");
  await expect(root.getByRole("button", { name: "Next step" })).toBeDisabled();

  // The diagram: three participants, drawn from what happened.
  await root.locator("[data-sequence]").scrollIntoViewIfNeeded();
  const svg = root.locator("[data-diagram-svg] svg");
  await expect(svg).toBeVisible({ timeout: 30_000 });
  for (const name of ["Client", "Resource server", "Authorization server"])
    await expect(svg.locator("text", { hasText: new RegExp(`^${name}$`) }).first()).toBeAttached();
  await expect(root.locator("[data-diagram-steps] li").first()).toHaveText(
    /^Client to Resource server: GET \/http-status-lab\/api\/oauth\/resource, no credentials\.$/,
  );

  expectCleanPage(watch);
});

test("step-up and DPoP through the nonce challenges, run to the end", async ({ page, watch }) => {
  test.setTimeout(60_000);
  let root = await open(page, { resource: "step-up" });
  await runToEnd(root);
  expect(await statuses(root)).toEqual(["401", "200", "200", "200", "302", "200", "401", "200", "302", "200", "200"]);
  await identity(root);
  await expect(chain(root).nth(6).locator(".lab-headers")).toContainText('error="insufficient_user_authentication"');
  await expect(chain(root).nth(7).locator(".lab-body")).toContainText('name="otp"');
  await expect(chain(root).nth(9).locator("[data-token='access_token']")).toContainText(
    '"acr": "urn:http-status-lab:acr:mfa"',
  );
  await expect(outcome(root)).toHaveAttribute("data-outcome", "authorized");

  root = await open(page, { resource: "dpop" });
  await runToEnd(root);
  expect(await statuses(root)).toEqual(["401", "200", "200", "200", "302", "400", "200", "401", "200"]);
  await expect(chain(root).nth(5).locator(".lab-body")).toContainText('"error":"use_dpop_nonce"');
  await expect(chain(root).nth(7).locator(".lab-headers")).toContainText('error="use_dpop_nonce"');
  await expect(chain(root).nth(7).locator(".lab-headers")).toContainText("DPoP-Nonce");
  await expect(chain(root).nth(6).locator("[data-token='access_token']")).toContainText('"jkt"');
  await expect(chain(root).nth(8).locator(".lab-body")).toContainText('"token_type":"DPoP"');
  await expect(outcome(root)).toHaveAttribute("data-outcome", "authorized");
  expectCleanPage(watch);
});

test("a write after a read: 403 insufficient_scope, a step-up for the scope the challenge names, then 200", async ({
  page,
  watch,
}) => {
  const root = await open(page, { resource: "write" });
  await runToEnd(root);
  expect(await statuses(root)).toEqual([...oauthRunStatuses, "403", "200", "302", "200", "200"]);
  const refused = chain(root).nth(7);
  await expect(refused.locator(".lab-headers")).toContainText('error="insufficient_scope"');
  await expect(refused.locator(".lab-note")).toContainText("step-up 1 of at most 2");
  await expect(chain(root).nth(8).locator(".lab-raw code").first()).toContainText("scope=write", {
    useInnerText: false,
  });
  await expect(outcome(root)).toHaveAttribute("data-outcome", "authorized");
  expectCleanPage(watch);
});

test("a Bearer API without OAuth metadata: MCP's fallbacks in order through the service worker, each 404 a step, then a sentence", async ({
  page,
  watch,
}) => {
  const root = await open(page, { resource: "bearer" });
  await runToEnd(root);
  await expect(root).toHaveAttribute("data-ready", "service-worker");
  expect(await statuses(root)).toEqual(["401", "404", "404", "404"]);
  const asked = [
    "/.well-known/oauth-protected-resource/http-status-lab/api/bearer",
    "/.well-known/oauth-protected-resource ",
    "/.well-known/oauth-authorization-server ",
  ];
  for (const [index, path] of asked.entries())
    await expect(
      entries(root)
        .nth(index + 1)
        .locator(".lab-raw code")
        .first(),
    ).toContainText(`GET ${path}`, {
      useInnerText: false,
    });
  await expect(entries(root).nth(3).locator(".lab-note")).toContainText(
    "default endpoints /authorize, /token and /register",
  );
  await expect(outcome(root)).toHaveAttribute("data-outcome", "stopped");
  await expect(outcome(root)).toContainText(/\/register, outside the site/);
  expectCleanPage(watch);
});

const changes = [
  { twist: "drop-pkce", status: "400", error: '"error":"invalid_request"', where: ".lab-body" },
  { twist: "replay-code", status: "400", error: '"error":"invalid_grant"', where: ".lab-body" },
  { twist: "wrong-audience", status: "401", error: 'error="invalid_token"', where: ".lab-headers" },
  { resource: "dpop", twist: "skip-nonce", status: "401", error: 'error="use_dpop_nonce"', where: ".lab-headers" },
];
for (const change of changes) {
  test(`a reader's change, ${change.twist}: the server's RFC error, the flow refused`, async ({ page, watch }) => {
    const root = await open(page, change);
    await runToEnd(root);
    const last = entries(root).last();
    await expect(last).toHaveAttribute("data-status", change.status);
    await expect(last.locator(change.where)).toContainText(change.error);
    await expect(outcome(root)).toHaveAttribute("data-outcome", "refused");
    if (change.twist === "wrong-audience")
      await expect(root.locator(".lab-lints", { hasText: /aud is .* not the resource/ })).toHaveCount(1);
    expectCleanPage(watch);
  });
}

test("the neighbour: with nothing changed, the same page reaches 200 (so the changes above are what fails)", async ({
  page,
}) => {
  const root = await open(page);
  await runToEnd(root);
  await expect(entries(root).last()).toHaveAttribute("data-status", "200");
  await expect(outcome(root)).toHaveAttribute("data-outcome", "authorized");
});

const hostile = [
  {
    twist: "hostile-redirect",
    sentence: /redirect_uri is missing or is not exactly one of the client's registered redirect URIs/,
  },
  { twist: "long-state", sentence: /state parameter is 20000 characters long/ },
  { twist: "forged-token", sentence: /invalid_token.*not one this authorization server signed/ },
  { resource: "dpop", twist: "dpop-other-url", sentence: /invalid_dpop_proof.*another URL/ },
];
for (const input of hostile) {
  test(`hostile input, ${input.twist}: a clear sentence, and the page stays inert text`, async ({ page, watch }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const root = await open(page, input);
    await runToEnd(root);
    await expect(outcome(root)).toHaveAttribute("data-outcome", "refused");
    await expect(outcome(root)).toHaveText(input.sentence);
    // The server's HTML error page and every value stay text: no element of theirs in the log.
    expect(
      await root.locator("[data-exchange-log] img, [data-exchange-log] script, [data-exchange-log] form").count(),
    ).toBe(0);
    expect(dialogs).toEqual([]);
    expectCleanPage(watch);
  });
}

for (const mode of ["light", "dark"] as const) {
  test(`after a run, /oauth/ is axe clean (${mode}) and does not scroll sideways at 390×844`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: mode });
    await page.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
    await page.setViewportSize({ width: 390, height: 844 });
    const root = await open(page, { resource: "dpop" });
    await runToEnd(root);
    await root.locator("[data-sequence]").scrollIntoViewIfNeeded();
    await expect(root.locator("[data-diagram-svg] svg")).toBeVisible({ timeout: 30_000 });
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(width[0]).toBeLessThanOrEqual(width[1] ?? 0);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      // The island after a run; the page as loaded is in a11y.spec.ts's sweep of every page, in both themes.
      .include("oauth-client")
      .analyze();
    expect(
      results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      ),
    ).toEqual([]);
  });
}
