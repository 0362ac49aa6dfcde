import { parseChallenges, type Challenge } from "../../http/index.ts";
import { createApiResponder } from "../node.ts";
import type { SandboxOptions } from "./sandbox-options.ts";

/** The origin test requests are addressed to; the handlers answer any origin. */
export const testOrigin = "http://sandbox.test";

/**
 * For tests: sends requests to a fresh set of sandbox handlers through msw's getResponse (the
 * live server's path) and fails loudly when no handler answers.
 */
export function testClient(options: SandboxOptions = {}, basePath = "/") {
  const respond = createApiResponder(basePath, options);
  return async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await respond(new Request(new URL(path, testOrigin), init));
    if (response === undefined) throw new Error(`No sandbox handler answered ${init.method ?? "GET"} ${path}.`);
    return response;
  };
}

/** The challenges of a response's WWW-Authenticate (or another) field, parsed by src/http; throws when absent or unparsable. */
export function challengesOf(response: Response, field = "WWW-Authenticate"): Challenge[] {
  const value = response.headers.get(field);
  if (value === null) throw new Error(`The response has no ${field} field.`);
  const parsed = parseChallenges(value);
  if (!parsed.ok) throw new Error(`${field} does not parse: ${parsed.error.message} (${value})`);
  return parsed.challenges;
}

/** The header fields of a response as [name, value] pairs, for src/http's lints. */
export function headerList(response: Response): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return headers;
}
