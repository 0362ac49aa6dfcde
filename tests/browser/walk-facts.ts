/**
 * What the main walks expect, shared by the Playwright specs (Chromium) and the engine walks
 * (tests/engines/walks.ts, Firefox): one list per walk, so both engines are held to the same story.
 */

/** Each lesson's steps, in order, and the status each step's request gets. */
export const lessonStatuses = {
  "01-basic-handshake": [401, 401, 200, 401, 403],
  "02-bearer-tokens": [401, 400, 401, 403, 200],
  "03-digest": [401, 200, 401, 200, 401],
  "04-401-403-404-407": [401, 403, 404, 200, 407],
  // Step 8 waits, with the real service worker's clock, until the token of step 6 expires (its
  // client registered one-minute tokens): the one slow walk of the suite, about a minute. Steps 11
  // to 13 are the replay rules: a refresh token reused (400), the family's token revoked (401),
  // the code replayed (400).
  "05-discovery-and-tokens": [401, 200, 200, 201, 302, 200, 200, 401, 200, 200, 400, 401, 400],
  // Steps 1 to 5 are an MCP client's way to the authorization server, the root's 404 included.
  "06-scopes-step-up-dpop": [
    401, 200, 200, 404, 200, 201, 302, 200, 403, 302, 200, 200, 302, 200, 401, 302, 200, 200, 401, 302, 400, 200, 401,
    200,
  ],
} as const;

export const lessonOneStatuses = lessonStatuses["01-basic-handshake"];

/**
 * The OAuth client's run to the end: the 401, discovery (2), login, code, token, the retry. Between
 * discovery and the login, registration's 201 when the authorization server takes no client
 * metadata document (with one, the client_id is the document's URL and nothing is sent): the walks
 * read the chain without that step (its label below) and check the rule apart.
 */
export const oauthRunStatuses = ["401", "200", "200", "200", "302", "200", "200"] as const;
export const oauthRegistrationLabel = "Registered as a new client";
