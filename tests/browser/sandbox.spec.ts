import { test, expect } from "./fixtures.ts";
import {
  entries,
  expectCleanPage,
  newest,
  openSandbox,
  pick,
  send,
  sendLikeBrowser,
  statuses,
} from "./sandbox-helpers.ts";

test.describe("the sandbox, scheme by scheme", () => {
  test("Basic: no credentials get 401 with the challenge; 'send like a browser' answers it and gets 200", async ({
    page,
    watch,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    await sandbox.getByLabel("None").check();
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 401 Unauthorized");
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText(
      'Basic realm="HTTP Status Lab", charset="UTF-8"',
    );

    await sandbox.getByLabel("Basic", { exact: true }).check();
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 3)).toEqual(["200", "401", "401"]);
    await expect(entries(sandbox).nth(1).locator("h3")).toContainText("Sent without credentials");
    await expect(newest(sandbox).locator("h3")).toContainText(
      "Answered the Basic challenge for realm “HTTP Status Lab”",
    );
    await expect(newest(sandbox).locator(".lab-request-line")).toContainText("Authorization: Basic dXNlcjpwYXNzd2Q=");
    await expect(newest(sandbox).locator(".lab-outcome")).toHaveText(/accepted the credentials: 200 OK/);
    await expect(sandbox.locator("[data-announce]")).toContainText("200 OK");
    // Timing is shown with every exchange.
    await expect(newest(sandbox).locator("h3")).toContainText(/\d+\.\d ms/);
    expectCleanPage(watch);
  });

  test("Basic: wrong credentials are refused after one answer", async ({ page, watch }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic-wrong");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["401", "401"]);
    await expect(newest(sandbox).locator(".lab-outcome")).toHaveAttribute("data-outcome", "refused");
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText("A browser would ask for new ones");
    expectCleanPage(watch);
  });

  test("hidden-basic-auth: a browser gets 404 and stops; sending the credentials unasked gets 200", async ({
    page,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "hidden-basic");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 1)).toEqual(["404"]);
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText("without a challenge");
    await send(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["200", "404"]);
  });

  test("401 or 403: the right credentials of a user without permission get 403, and the walk says why", async ({
    page,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "admin-403");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["403", "401"]);
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText("RFC 9110 §15.5.4");
    await pick(sandbox, "admin-200");
    await send(sandbox);
    expect((await statuses(sandbox, 3))[0]).toBe("200");
  });

  test("Bearer: no token, a good token, and every RFC 6750 error (400, 401 invalid_token, 403 insufficient_scope)", async ({
    page,
    watch,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "bearer-none");
    await send(sandbox);
    await expect(newest(sandbox).locator("tr.lab-challenge td")).toHaveText('Bearer realm="HTTP Status Lab"');

    await pick(sandbox, "bearer-demo-read-write");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 3)).toEqual(["200", "401", "401"]);

    await pick(sandbox, "bearer-demo-expired");
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 401 Unauthorized");
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText('error="invalid_token"');
    await expect(newest(sandbox).locator(".lab-explained").first()).toContainText("error_description");

    await pick(sandbox, "bearer-demo-read-only");
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 403 Forbidden");
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText('error="insufficient_scope"');
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText('scope="write"');

    await pick(sandbox, "bearer-malformed");
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 400 Bad Request");
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText('error="invalid_request"');
    // The request's own lint: "two words" is not one token, so the credentials do not parse (RFC 9110 §11.6.2).
    const lint = newest(sandbox).locator('.lab-finding[data-finding="authorization-unparsable"]');
    await expect(lint.locator("a")).toHaveAttribute("href", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2");

    // A demo token from the published list fills the field.
    await sandbox.getByLabel("Bearer", { exact: true }).check();
    await sandbox.getByRole("button", { name: "Use demo-read-only" }).click();
    await expect(sandbox.getByLabel("Token")).toHaveValue("demo-read-only");
    expectCleanPage(watch);
  });

  for (const preset of [
    "digest-auth-MD5",
    "digest-auth-SHA-256",
    "digest-auth-SHA-512-256",
    "digest-auth-SHA-256-sess",
    "digest-auth-int",
  ]) {
    test(`Digest (${preset.replace("digest-auth-", "")}): 401 with a nonce, then the computed response gets 200, with the HA1/HA2/response chain shown`, async ({
      page,
      watch,
    }) => {
      const sandbox = await openSandbox(page);
      await pick(sandbox, preset);
      await sendLikeBrowser(sandbox);
      expect(await statuses(sandbox, 2)).toEqual(["200", "401"]);
      const answer = newest(sandbox);
      await expect(answer.locator(".lab-request-line")).toContainText(
        'Authorization: Digest username="user", realm="HTTP Status Lab"',
      );
      const chain = answer.locator(".lab-digest");
      await expect(chain.locator('[data-step="HA1"] .lab-hash-input')).toHaveText(
        preset.endsWith("-sess") ? /^[0-9a-f]{64}:[^:]+:[0-9a-f]{24}$/ : "user:HTTP Status Lab:passwd",
      );
      await expect(chain.locator('[data-step="HA2"] .lab-hash-input')).toHaveText(
        /^(GET|POST):\/http-status-lab\/api\/digest-auth\//,
      );
      await expect(chain.locator('[data-step="response"] .lab-hash-output')).toHaveText(/= [0-9a-f]{32,64}$/);
      await expect(chain.locator(".lab-digest-inputs")).toContainText("00000001");
      expectCleanPage(watch);
    });
  }

  test("Digest: a wrong password is refused after one answer", async ({ page }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "digest-auth-SHA-256");
    await sandbox.getByLabel("Password").fill("not-the-password");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["401", "401"]);
    await expect(newest(sandbox).locator(".lab-outcome")).toHaveAttribute("data-outcome", "refused");
    await expect(newest(sandbox).locator(".lab-body")).toContainText("wrong-credentials");
  });

  test("Digest: a stale nonce gets 401 stale=true, and the browser retries with the new nonce without asking", async ({
    page,
    watch,
  }) => {
    const sandbox = await openSandbox(page);
    // On this endpoint each nonce authenticates one request.
    await pick(sandbox, "digest-stale");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["200", "401"]);
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 4)).toEqual(["200", "401", "200", "401"]);
    const stale = entries(sandbox).nth(2);
    await expect(stale.locator("h3")).toContainText("Digest credentials at once");
    await expect(stale.locator("tr.lab-challenge")).toContainText("stale=true");
    await expect(stale.locator(".lab-explained").first()).toContainText("stale");
    await expect(newest(sandbox).locator("h3")).toContainText("Retried with the new nonce");
    await expect(newest(sandbox).locator(".lab-outcome")).toHaveAttribute("data-outcome", "authenticated");
    expectCleanPage(watch);
  });

  test("Digest: 'Send' answers the remembered challenge with the next nonce count; sending it again is a refused replay", async ({
    page,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "digest-auth-MD5");
    await send(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("Send like a browser");
    await sendLikeBrowser(sandbox);
    await statuses(sandbox, 2);
    await send(sandbox);
    expect((await statuses(sandbox, 3))[0]).toBe("200");
    await expect(newest(sandbox).locator(".lab-digest-inputs")).toContainText("00000002");
    await newest(sandbox).getByRole("button", { name: "Send this request again" }).click();
    expect((await statuses(sandbox, 4))[0]).toBe("401");
    await expect(newest(sandbox).locator(".lab-body")).toContainText("replayed-nonce-count");
  });

  test("status/{code}: any code, with the fields it needs and the lints", async ({ page }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "status-407");
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 1)).toEqual(["407"]);
    await expect(newest(sandbox).locator(".lab-explained h4")).toHaveText("Proxy-Authenticate, explained");
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText("proxy");
    await sandbox.locator("input[name=endpoint]").fill("status/418");
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toContainText("418");
  });
});

test("pressing Send twice before the answer sends one request, and the page stays usable", async ({ page, watch }) => {
  const sandbox = await openSandbox(page);
  await pick(sandbox, "basic");
  const button = sandbox.getByRole("button", { name: "Send", exact: true });
  // Two presses in the same task: the second arrives while the first request is out.
  await button.evaluate((element) => {
    (element as HTMLButtonElement).click();
    (element as HTMLButtonElement).click();
  });
  expect(await statuses(sandbox, 1)).toHaveLength(1);
  await page.waitForTimeout(300);
  await expect(entries(sandbox)).toHaveCount(1);
  await send(sandbox);
  expect(await statuses(sandbox, 2)).toHaveLength(2);
  expectCleanPage(watch);
});
