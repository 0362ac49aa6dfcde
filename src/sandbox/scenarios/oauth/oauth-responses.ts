import { failure, reasonPhrase, type Failure } from "../../../http/index.ts";
import { attributeText } from "../bearer.ts";
import { jsonResponse } from "../json-response.ts";
import { limits } from "./oauth-context.ts";

/** The OAuth scenario's response helpers and request readers, shared by its endpoints. */

/** An OAuth error as JSON (RFC 6749 §5.2, RFC 7591 §3.2.2): the description in the allowed characters. */
export const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
  jsonResponse(
    status,
    { error, error_description: attributeText(description) },
    { "Cache-Control": "no-store", ...headers },
  );

/** An HTML page of the authorization server: no script, and a policy that says so (form posts to `formTarget` too). */
export const html = (status: number, body: string, formTarget?: string, extra: Record<string, string> = {}) =>
  new Response(body, {
    status,
    statusText: reasonPhrase(status),
    headers: {
      ...extra,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formTarget === undefined ? "" : ` ${formTarget}`}; frame-ancestors 'none'; base-uri 'none'`,
    },
  });

/** 405 with Allow (RFC 9110 §15.5.6). */
export const methodNotAllowed = (allow: string) =>
  jsonResponse(405, { error: `This endpoint answers ${allow} only.` }, { Allow: allow });

/** Form fields, each at most once (RFC 6749 §3.1: "MUST NOT be included more than once"). */
export function singleValues(
  params: URLSearchParams,
): { ok: true; get: (name: string) => string | undefined } | Failure {
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (seen.has(name)) return failure(`${name} is given more than once (RFC 6749 §3.2).`, "repeated");
    seen.set(name, value);
  }
  return { ok: true, get: (name) => seen.get(name) };
}

/** A form-encoded request body read as single-valued fields (readForm, then singleValues). */
export async function readFormFields(
  request: Request,
): Promise<{ ok: true; get: (name: string) => string | undefined } | Failure> {
  const form = await readForm(request);
  return form.ok ? singleValues(form.params) : form;
}

/** A form-encoded request body (RFC 6749 §4.1.3, appendix B), bounded in size. */
export async function readForm(request: Request): Promise<{ ok: true; params: URLSearchParams } | Failure> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type))
    return failure("Send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.1.3, appendix B).");
  const text = await request.text();
  if (text.length > limits.form)
    return failure(`The form is ${text.length} characters long; this server accepts at most ${limits.form}.`);
  return { ok: true, params: new URLSearchParams(text) };
}
