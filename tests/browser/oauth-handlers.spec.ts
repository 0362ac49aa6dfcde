import { expect, sandboxReady, test } from "./fixtures.ts";

/**
 * The OAuth scenario's handlers (src/sandbox/scenarios/oauth) answered by the real service worker
 * on the base-path build: the 401's challenge, the RFC 9728 document it names, and the RFC 8414
 * metadata at its well-known URL. The OAuth code, with jose, is a separate chunk fetched on the first
 * OAuth request only. (The sandbox's OAuth client and the browser flow come with the client redesign.)
 */
test("the service worker serves the OAuth resource, its metadata and the authorization server's; jose loads on first use", async ({
  page,
  watch,
}) => {
  await page.goto("status/401/");
  expect(await sandboxReady(page)).toBe("service-worker");
  const oauthChunk = () => watch.scriptUrls.filter((url) => /\/oauth-server\.[\w-]+\.js$/.test(url));
  expect(oauthChunk()).toEqual([]);

  const result = await page.evaluate(async () => {
    const first = await fetch("/http-status-lab/api/oauth/resource");
    const challenge = first.headers.get("WWW-Authenticate") ?? "";
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? "";
    const metadata = (await (await fetch(metadataUrl)).json()) as { resource: string; authorization_servers: string[] };
    const issuer = metadata.authorization_servers[0] ?? "";
    const asMetadata = await fetch(`/.well-known/oauth-authorization-server${new URL(issuer).pathname}`);
    return {
      status: first.status,
      challenge,
      metadataUrl,
      metadata,
      issuer,
      asStatus: asMetadata.status,
      asIssuer: asMetadata.ok ? ((await asMetadata.json()) as { issuer: string }).issuer : "",
    };
  });
  const origin = new URL(page.url()).origin;
  expect(result.status).toBe(401);
  expect(result.challenge).toBe(
    `Bearer scope="read", resource_metadata="${origin}/http-status-lab/api/oauth/metadata/resource"`,
  );
  expect(result.metadata.resource).toBe(`${origin}/http-status-lab/api/oauth/resource`);
  expect(result.issuer).toBe(`${origin}/http-status-lab/api/oauth/as`);
  expect({ status: result.asStatus, issuer: result.asIssuer }).toEqual({ status: 200, issuer: result.issuer });
  expect(oauthChunk()).toHaveLength(1);
  expect(watch.pageErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
