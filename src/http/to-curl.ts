import { codegenRequest } from "./codegen-request.ts";
import type { HttpRequestRecord } from "./exchange.ts";
import { shellQuote } from "./string-literals.ts";

/**
 * The request as a curl command for a POSIX shell. Every value is single-quoted (`'\''` for a
 * quote), so `"`, `$`, backslashes and line breaks arrive unchanged. Headers, Authorization
 * included, are sent exactly as recorded (-H); `--include` prints status line and headers before
 * the body; `--globoff` keeps [] and {} in the URL literal; `-H 'Content-Type:'` stops curl adding
 * its form type to a body that had no Content-Type.
 */
export function toCurl(request: HttpRequestRecord): string {
  const { method, url, headers, body, suppressContentType } = codegenRequest(request);
  const args: string[][] = [];
  if (method === "HEAD") args.push(["--head"]);
  else args.push(["--include"]);
  if (method !== "GET" && method !== "HEAD" && !(method === "POST" && body !== undefined))
    args.push(["--request", shellQuote(method)]);
  for (const [name, value] of headers) {
    // curl reads "Name:" as "remove this header" and "Name;" as "send it empty".
    args.push(["--header", shellQuote(value === "" ? `${name};` : `${name}: ${value}`)]);
  }
  if (suppressContentType) args.push(["--header", shellQuote("Content-Type:")]);
  if (body !== undefined) args.push(["--data-raw", shellQuote(body)]);
  if (/[[\]{}]/.test(url)) args.push(["--globoff"]);
  args.push(url.startsWith("-") ? ["--url", shellQuote(url)] : [shellQuote(url)]);
  return `curl ${args.map((arg) => arg.join(" ")).join(" \\\n  ")}\n`;
}
