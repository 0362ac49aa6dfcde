/**
 * What the sandbox's OAuth client reads from an authorization server's HTML pages: the login form
 * (where it posts and its fields, RFC 6749 §4.1.1) and the sentence of an error page. Regular
 * expressions over a bounded page: these are the sandbox's own pages, not the open web.
 */
import { failure, shorten, type Result } from "../http/index.ts";

/** Longest HTML page the client reads a form from. */
const maxPageLength = 200_000;

/** Numeric and the five named character references, as the authorization server's pages write them. */
function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (all, dec, hex, name) => {
    if (name !== undefined) return named[String(name).toLowerCase()] ?? all;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(String(hex), 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The text of an HTML fragment, tags dropped and references read: a sentence to show as text. */
function htmlText(fragment: string): string {
  return unescapeHtml(fragment.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** A login form: the URL it posts to, its fields in order (hidden ones with their values), and whether it asks for a one-time code. */
export type LoginForm = { action: string; fields: Array<[string, string]>; asksOneTimeCode: boolean };

/** The login form of an authorization server's page: where it posts and its fields (RFC 6749 §4.1.1). */
export function readLoginForm(html: string, pageUrl: string): Result<LoginForm> {
  if (html.length > maxPageLength) return failure("The page is too long to be a login form.");
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) return failure("The page has no form to sign in with.");
  const method = /\bmethod="([^"]*)"/i.exec(form[1] ?? "")?.[1]?.toUpperCase() ?? "GET";
  if (method !== "POST") return failure("The login form does not post, so the password would go into a URL.");
  let action: string;
  try {
    action = new URL(unescapeHtml(/\baction="([^"]*)"/i.exec(form[1] ?? "")?.[1] ?? ""), pageUrl).href;
  } catch {
    return failure("The login form's action is not a URL.");
  }
  const fields: Array<[string, string]> = [];
  let asksOneTimeCode = false;
  for (const input of (form[2] ?? "").matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = input[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(attributes)?.[1];
    if (name === undefined) continue;
    const type = /\btype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase() ?? "text";
    if (name === "otp") asksOneTimeCode = true;
    fields.push([
      unescapeHtml(name),
      type === "hidden" ? unescapeHtml(/\bvalue="([^"]*)"/i.exec(attributes)?.[1] ?? "") : "",
    ]);
  }
  return { ok: true, action, fields, asksOneTimeCode };
}

/** The sentence an authorization server's HTML page puts in its alert (why it refused). */
export function pageAlert(html: string): string | undefined {
  const alert = /<p role="alert">([\s\S]*?)<\/p>/i.exec(html.slice(0, maxPageLength));
  return alert === null ? undefined : shorten(htmlText(alert[1] ?? ""), 400);
}
