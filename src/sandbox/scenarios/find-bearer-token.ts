import { parseBearer } from "../../http/index.ts";

/** Where a request carried its access token (RFC 6750 §2.1, §2.2, §2.3). */
export type BearerTokenMethod = "header" | "form" | "query";

/** What a request offers as a bearer token. */
export type BearerTokenSearch =
  /** Exactly one token, sent by exactly one method. */
  | { kind: "token"; token: string; method: BearerTokenMethod }
  /** No token at all; `otherScheme` when Authorization carried another scheme (such as Basic). */
  | { kind: "none"; otherScheme?: string }
  /** A token was attempted but the request is malformed (RFC 6750 §3.1 invalid_request); `message` says why. */
  | { kind: "malformed"; message: string };

/** "Bearer" as the whole auth-scheme token, any case (RFC 9110 §11.1): not "Bearerx". */
const bearerScheme = /^bearer(?![!#$%&'*+.^_`|~0-9A-Za-z-])/i;

/**
 * Finds the access token a request carries, by the three methods of RFC 6750 §2: the
 * Authorization field (`Bearer <b64token>`, §2.1), a form-encoded body parameter `access_token`
 * (§2.2: not with GET, only with Content-Type application/x-www-form-urlencoded) and the URI query
 * parameter `access_token` (§2.3). More than one method, a repeated parameter, an empty token or a
 * Bearer field that is not `Bearer 1*SP b64token` is malformed (§2: "Clients MUST NOT use more
 * than one method"; §3.1 invalid_request). Reads a copy of the body, so the request stays readable.
 */
export async function findBearerToken(request: Request): Promise<BearerTokenSearch> {
  const found: Array<{ token: string; method: BearerTokenMethod }> = [];
  let otherScheme: string | undefined;

  const authorization = request.headers.get("Authorization");
  if (authorization !== null) {
    const value = authorization.trim();
    if (value === "")
      return {
        kind: "malformed",
        message: 'The Authorization field is empty; send "Bearer", one space and the token (RFC 6750 §2.1).',
      };
    if (bearerScheme.test(value)) {
      if (value.length > 6 && value[6] !== " ") {
        return {
          kind: "malformed",
          message:
            'Separate "Bearer" from the token with spaces only, not tabs or other characters (RFC 6750 §2.1: "Bearer" 1*SP b64token).',
        };
      }
      const parsed = parseBearer(value);
      if (!parsed.ok) return { kind: "malformed", message: parsed.error.message };
      found.push({ token: parsed.token, method: "header" });
    } else {
      otherScheme = value.split(/[ \t]/, 1)[0] ?? value;
    }
  }

  const fromQuery = new URL(request.url).searchParams.getAll("access_token");
  const queryProblem = parameterProblem(fromQuery, "URI query", "§2.3");
  if (queryProblem !== undefined) return { kind: "malformed", message: queryProblem };
  if (fromQuery[0] !== undefined) found.push({ token: fromQuery[0], method: "query" });

  if (request.method !== "GET" && request.method !== "HEAD" && isFormEncoded(request.headers.get("Content-Type"))) {
    const fromForm = new URLSearchParams(await request.clone().text()).getAll("access_token");
    const formProblem = parameterProblem(fromForm, "form body", "§2.2");
    if (formProblem !== undefined) return { kind: "malformed", message: formProblem };
    if (fromForm[0] !== undefined) found.push({ token: fromForm[0], method: "form" });
  }

  if (found.length > 1) {
    const methods = found.map((entry) => methodName[entry.method]).join(" and ");
    return {
      kind: "malformed",
      message: `The request carries a token in the ${methods}; use exactly one method per request (RFC 6750 §2).`,
    };
  }
  const [only] = found;
  if (only !== undefined) return { kind: "token", ...only };
  return otherScheme === undefined ? { kind: "none" } : { kind: "none", otherScheme };
}

const methodName: Record<BearerTokenMethod, string> = {
  header: "Authorization field",
  form: "form body",
  query: "URI query",
};

function parameterProblem(values: readonly string[], where: string, section: string): string | undefined {
  if (values.length > 1)
    return `The ${where} repeats the access_token parameter; send it once (RFC 6750 ${section}, §3.1).`;
  if (values[0] === "")
    return `The access_token parameter in the ${where} is empty; give the token or leave the parameter out (RFC 6750 ${section}).`;
  return undefined;
}

/** Whether a Content-Type is application/x-www-form-urlencoded, parameters aside (RFC 9110 §8.3.1). */
function isFormEncoded(contentType: string | null): boolean {
  return (
    contentType !== null &&
    (contentType.split(";", 1)[0] ?? "").trim().toLowerCase() === "application/x-www-form-urlencoded"
  );
}
