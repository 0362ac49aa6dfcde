/**
 * The authorization server's HTML pages: the login form of the authorization endpoint and the
 * error page shown when the request cannot be sent back to the client (RFC 6749 §4.1.2.1).
 * Every value a reader supplies is written as text (escapeHtml), never as markup, and the pages
 * carry no script; a Content-Security-Policy says so to the browser too.
 */

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export type LoginPageInput = {
  /** The authorization endpoint, where the form posts to itself. */
  action: string;
  /** Every authorization request parameter, carried through the form as hidden fields. */
  hidden: ReadonlyArray<readonly [string, string]>;
  clientName: string;
  /** The host of the client's metadata document URL, shown beside the name (the draft's "OAuth Phishing Attacks"). */
  clientHost?: string;
  scope: string;
  resource: string;
  /** A one-time code field too: the request asked for the multi-factor acr (RFC 9470 step-up). */
  askOneTimeCode: boolean;
  /** Why the previous attempt failed, shown above the form. */
  problem?: string;
  /** The demo user and password, and the one-time code, shown on the page: they are public. */
  demo: { username: string; password: string; oneTimeCode: string };
};

const style =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}" +
  "label{display:block;margin-top:.75rem}input{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}" +
  "button{font:inherit;margin-top:1rem;padding:.4rem 1rem}code{background:#eee;padding:0 .2rem}" +
  "[role=alert]{border-left:4px solid #b00020;padding:.25rem .75rem;background:#fdecee}";

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>\n`;
}

/** The login form: username and password (and a one-time code for step-up), posted to `action`. */
export function loginPage(input: LoginPageInput): string {
  const hidden = input.hidden
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const problem = input.problem === undefined ? "" : `<p role="alert">${escapeHtml(input.problem)}</p>`;
  const otp = input.askOneTimeCode
    ? `<label for="otp">One-time code (a second factor: the resource asked for it)</label><input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" required>`
    : "";
  const demo = `The demo user is <code>${escapeHtml(input.demo.username)}</code> with the password <code>${escapeHtml(input.demo.password)}</code>${input.askOneTimeCode ? ` and the one-time code <code>${escapeHtml(input.demo.oneTimeCode)}</code>` : ""}.`;
  return page(
    "Sign in: HTTP Status Lab authorization server",
    `<main><h1>Sign in</h1>` +
      `<p><strong>${escapeHtml(input.clientName)}</strong>${input.clientHost === undefined ? "" : ` (its client ID is a document at <code>${escapeHtml(input.clientHost)}</code>)`} asks for the scope <code>${escapeHtml(input.scope)}</code> at <code>${escapeHtml(input.resource)}</code>.</p>` +
      problem +
      `<form method="post" action="${escapeHtml(input.action)}">${hidden}` +
      `<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>` +
      `<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>` +
      otp +
      `<button type="submit">Sign in and allow</button></form><p>${demo}</p></main>`,
  );
}

/** The page for a request that must not be redirected (unknown client, unregistered redirect_uri, …). */
export function errorPage(error: string, description: string): string {
  return page(
    "Authorization request refused",
    `<main><h1>This authorization request cannot continue</h1><p role="alert"><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>` +
      `<p>The authorization server does not send you back to the application, because it cannot be sure where that is (RFC 6749 §4.1.2.1).</p></main>`,
  );
}
