/** Code generation: a recorded request as curl, fetch, Python requests and PHP cURL, with safe string literals. */
import type { HttpRequestRecord } from "./transcript.ts";

/** What every code generator needs from a request record. */
export type CodegenRequest = {
  method: string;
  url: string;
  /** Fields to send, without Host and Content-Length, which every client derives itself. */
  headers: Array<[string, string]>;
  body: string | undefined;
  /** True when there is a body but no Content-Type: generators stop their tool adding one. */
  suppressContentType: boolean;
};

/**
 * Normalizes a request record for code generation: the URL serialised as fetch sends it (so every
 * tool sends the same bytes the sandbox did), method upper-case (GET when empty), Host and
 * Content-Length dropped (the client sets them from URL and body; a copied value would be wrong
 * or refused), and the body dropped for GET and HEAD, which fetch cannot send anyway.
 */
export function codegenRequest(request: HttpRequestRecord): CodegenRequest {
  const method = String(request.method || "GET").toUpperCase();
  const headers = (request.headers ?? [])
    .filter(([name]) => !["host", "content-length"].includes(String(name).toLowerCase()))
    .map(([name, value]): [string, string] => [String(name), String(value)]);
  const body =
    request.body === undefined || request.body === "" || method === "GET" || method === "HEAD"
      ? undefined
      : String(request.body);
  const suppressContentType = body !== undefined && !headers.some(([name]) => name.toLowerCase() === "content-type");
  return { method, url: serializedUrl(String(request.url ?? "")), headers, body, suppressContentType };
}

/** An absolute URL as the URL Standard serialises it, i.e. as fetch sent it; anything else as is. */
function serializedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

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

/**
 * The request as JavaScript (an ES module, for Node 18+ or a browser console): fetch with the
 * recorded method, headers and body, then printing status, headers and body. Strings are JSON
 * literals. Repeated header names are kept by passing the headers as pairs.
 */
export function toFetch(request: HttpRequestRecord): string {
  const { method, url, headers, body, suppressContentType } = codegenRequest(request);
  const names = headers.map(([name]) => name.toLowerCase());
  const asPairs = new Set(names).size !== names.length || names.includes("__proto__");
  const lines = [`const response = await fetch(${jsString(url)}, {`, `  method: ${jsString(method)},`];
  if (headers.length > 0) {
    lines.push(asPairs ? "  headers: [" : "  headers: {");
    for (const [name, value] of headers)
      lines.push(
        asPairs ? `    [${jsString(name)}, ${jsString(value)}],` : `    ${jsString(name)}: ${jsString(value)},`,
      );
    lines.push(asPairs ? "  ]," : "  },");
  }
  if (body !== undefined) {
    // A Blob without a type makes fetch send no Content-Type, as the recorded request did.
    lines.push(suppressContentType ? `  body: new Blob([${jsString(body)}]),` : `  body: ${jsString(body)},`);
  }
  lines.push(
    "});",
    "console.log(response.status, response.statusText);",
    "for (const [name, value] of response.headers) console.log(`${name}: ${value}`);",
    "console.log(await response.text());",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * The request as Python 3 with requests. Strings are ASCII-only literals (\n, \xNN, \uNNNN), so
 * the code survives any copy and paste. The body is sent as UTF-8 bytes, as recorded (requests
 * would encode a str as Latin-1, and adds no Content-Type to bytes). Repeated header names are
 * combined with ", " (RFC 9110 §5.3), since requests takes a dictionary.
 */
export function toPython(request: HttpRequestRecord): string {
  const { method, url, headers, body } = codegenRequest(request);
  const combined = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const entry = combined.get(name.toLowerCase());
    if (entry === undefined) combined.set(name.toLowerCase(), [name, value]);
    else entry[1] = `${entry[1]}, ${value}`;
  }
  const lines = [
    "import requests",
    "",
    "response = requests.request(",
    `    ${pythonString(method)},`,
    `    ${pythonString(url)},`,
  ];
  if (combined.size > 0) {
    lines.push("    headers={");
    for (const [name, value] of combined.values()) lines.push(`        ${pythonString(name)}: ${pythonString(value)},`);
    lines.push("    },");
  }
  if (body !== undefined) lines.push(`    data=${pythonString(body)}.encode("utf-8"),`);
  lines.push(
    ")",
    "print(response.status_code, response.reason)",
    "for name, value in response.headers.items():",
    '    print(f"{name}: {value}")',
    "print(response.text)",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * The request as PHP with the cURL extension: CURLOPT_HTTPHEADER carries the headers as recorded
 * (Authorization included), CURLOPT_POSTFIELDS the body ("Content-Type:" in the list stops cURL
 * adding its form type when the request had none), and the script prints the status line, the
 * headers and the body. Strings are single-quoted, or double-quoted with escapes when they hold
 * control characters.
 */
export function toPhp(request: HttpRequestRecord): string {
  const { method, url, headers, body, suppressContentType } = codegenRequest(request);
  const lines = ["<?php", `$curl = curl_init(${phpString(url)});`, "curl_setopt_array($curl, ["];
  if (method === "HEAD") lines.push("    CURLOPT_NOBODY => true,");
  else lines.push(`    CURLOPT_CUSTOMREQUEST => ${phpString(method)},`);
  const fieldLines = headers.map(([name, value]) => (value === "" ? `${name};` : `${name}: ${value}`));
  if (suppressContentType) fieldLines.push("Content-Type:");
  if (fieldLines.length > 0) {
    lines.push("    CURLOPT_HTTPHEADER => [");
    for (const line of fieldLines) lines.push(`        ${phpString(line)},`);
    lines.push("    ],");
  }
  if (body !== undefined) lines.push(`    CURLOPT_POSTFIELDS => ${phpString(body)},`);
  lines.push(
    "    CURLOPT_RETURNTRANSFER => true,",
    "    CURLOPT_HEADER => true,",
    "]);",
    "$response = curl_exec($curl);",
    "if ($response === false) {",
    "    fwrite(STDERR, curl_error($curl) . PHP_EOL);",
    "    exit(1);",
    "}",
    "$headerSize = curl_getinfo($curl, CURLINFO_HEADER_SIZE);",
    "echo substr($response, 0, $headerSize);",
    "echo substr($response, $headerSize), PHP_EOL;",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * String literals for generated code, exact for each language: what the reader pastes evaluates
 * to the very string that was recorded, quotes, dollars, backslashes, line breaks and non-ASCII
 * text included.
 */

/** POSIX shell: single quotes, where nothing is special except `'` itself, written `'\''`. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** JavaScript: JSON.stringify yields a valid JS string literal (ES2019 allows U+2028/U+2029). */
export function jsString(text: string): string {
  return JSON.stringify(text);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Python 3: a double-quoted literal of printable ASCII, everything else as \n, \xNN, \uNNNN, \UNNNNNNNN. */
export function pythonString(text: string): string {
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (Object.hasOwn(named, char)) out += named[char];
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/**
 * PHP: single quotes (only `\` and `'` need a backslash) when the text has no control character;
 * otherwise double quotes, with `\`, `"` and `$` escaped and controls as \n, \r, \t or \xNN.
 * Non-ASCII text stays as UTF-8, which is what PHP strings from a UTF-8 source file hold.
 */
export function phpString(text: string): string {
  let hasControl = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) hasControl = true;
  }
  if (!hasControl) return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', $: "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (Object.hasOwn(named, char)) out += named[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else out += char;
  }
  return `${out}"`;
}
