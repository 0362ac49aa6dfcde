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
  /** Set when the tool is to answer a Digest challenge itself; Authorization is then not in headers. */
  digest: DigestLogin | undefined;
};

/**
 * A user name and password for a tool's own Digest support (RFC 7616 §3.4), with what the
 * challenge offered (its algorithm and qop list, §3.3), so the code can say when the tool cannot
 * answer it.
 */
export type DigestLogin = { user: string; password: string; algorithm?: string; qop?: string };

/**
 * Why a tool's own Digest support cannot answer this challenge, or undefined when it can. Measured
 * against the live server with curl and PHP's libcurl 7.88.1 and Python requests 2.28
 * (tests/integration/sandbox-copy-as.test.ts): libcurl knows MD5 and SHA-256 with their -sess
 * forms and computes qop=auth-int over an empty body; requests knows MD5, MD5-sess and SHA-256
 * and answers qop=auth only (RFC 7616 §3.3 lets a server offer auth-int alone).
 */
export function digestCaveat(
  tool: "curl" | "python" | "php",
  login: DigestLogin,
  hasBody: boolean,
): string | undefined {
  const algorithm = (login.algorithm === undefined || login.algorithm === "" ? "MD5" : login.algorithm).toUpperCase();
  const offered = (login.qop ?? "").split(",").map((value) => value.trim().toLowerCase());
  const authOffered = login.qop === undefined || login.qop === "" || offered.includes("auth");
  const name = tool === "python" ? "requests' HTTPDigestAuth" : tool === "php" ? "PHP's cURL" : "curl";
  const known = tool === "python" ? ["MD5", "MD5-SESS", "SHA-256"] : ["MD5", "MD5-SESS", "SHA-256", "SHA-256-SESS"];
  // The algorithm comes from a server's challenge: shown only when it is a plain token, so a
  // comment line can never be ended by it.
  const shown = /^[A-Z0-9-]{1,32}$/.test(algorithm) ? algorithm : "this algorithm";
  if (!known.includes(algorithm))
    return `${name} (as tested: libcurl 7.88, requests 2.28) has no Digest ${shown}: expect no 200. Pick an MD5 or SHA-256 challenge.`;
  if (!authOffered && tool === "python")
    return `${name} answers qop=auth only, and this challenge offers auth-int alone: it fails. Use the curl version.`;
  if (!authOffered && hasBody)
    return `${name} computes qop=auth-int over an empty body, so with this body expect a 401 (RFC 7616 §3.4.3).`;
  return undefined;
}

/**
 * How a command is to run, beyond the recorded request: `url` replaces the recorded URL (the live
 * server's, where the sandbox's API only lived in a service worker); `digest` makes the tool do
 * the Digest handshake itself (RFC 7616 §3.3–3.4) instead of replaying the recorded Authorization,
 * whose nonce, nc and response the server would refuse or never have issued.
 */
export type CodegenOptions = { url?: string; digest?: DigestLogin | undefined };

/**
 * Normalizes a request record for code generation: the URL serialised as fetch sends it (so every
 * tool sends the same bytes the sandbox did), method upper-case (GET when empty), Host and
 * Content-Length dropped (the client sets them from URL and body; a copied value would be wrong
 * or refused), and the body dropped for GET and HEAD, which fetch cannot send anyway.
 */
export function codegenRequest(request: HttpRequestRecord, options: CodegenOptions = {}): CodegenRequest {
  const method = String(request.method || "GET").toUpperCase();
  const dropped =
    options.digest === undefined ? ["host", "content-length"] : ["host", "content-length", "authorization"];
  const headers = (request.headers ?? [])
    .filter(([name]) => !dropped.includes(String(name).toLowerCase()))
    .map(([name, value]): [string, string] => [String(name), String(value)]);
  const body =
    request.body === undefined || request.body === "" || method === "GET" || method === "HEAD"
      ? undefined
      : String(request.body);
  const suppressContentType = body !== undefined && !headers.some(([name]) => name.toLowerCase() === "content-type");
  const url = serializedUrl(String(options.url ?? request.url ?? ""));
  return { method, url, headers, body, suppressContentType, digest: options.digest };
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
 * its form type to a body that had no Content-Type. With `options.digest`, curl answers the Digest
 * challenge itself (`--digest --user`, RFC 7616 §3.4): it sends the request, reads the 401's
 * nonce and sends it again with its own response; `--include` then prints both answers.
 */
export function toCurl(request: HttpRequestRecord, options: CodegenOptions = {}): string {
  const { method, url, headers, body, suppressContentType, digest } = codegenRequest(request, options);
  const args: string[][] = [];
  if (method === "HEAD") args.push(["--head"]);
  else args.push(["--include"]);
  if (method !== "GET" && method !== "HEAD" && !(method === "POST" && body !== undefined))
    args.push(["--request", shellQuote(method)]);
  // curl splits --user at its first colon, so a name with a colon cannot be written this way.
  if (digest !== undefined) args.push(["--digest"], ["--user", shellQuote(`${digest.user}:${digest.password}`)]);
  for (const [name, value] of headers) {
    // curl reads "Name:" as "remove this header" and "Name;" as "send it empty".
    args.push(["--header", shellQuote(value === "" ? `${name};` : `${name}: ${value}`)]);
  }
  if (suppressContentType) args.push(["--header", shellQuote("Content-Type:")]);
  if (body !== undefined) args.push(["--data-raw", shellQuote(body)]);
  if (/[[\]{}]/.test(url)) args.push(["--globoff"]);
  args.push(url.startsWith("-") ? ["--url", shellQuote(url)] : [shellQuote(url)]);
  const caveat = digest === undefined ? undefined : digestCaveat("curl", digest, body !== undefined);
  return `${caveat === undefined ? "" : `# ${caveat}\n`}curl ${args.map((arg) => arg.join(" ")).join(" \\\n  ")}\n`;
}

/**
 * The request as JavaScript (an ES module, for Node 18+ or a browser console): fetch with the
 * recorded method, headers and body, then printing status, headers and body. Strings are JSON
 * literals. Repeated header names are kept by passing the headers as pairs. fetch has no way to be
 * given a user name and password for Digest (Node's fetch answers no challenge at all), so with
 * `options.digest` the code says so and sends the request without credentials, printing the 401
 * and its challenge (RFC 7616 §3.3): a replayed Authorization would be refused (§5.5).
 */
export function toFetch(request: HttpRequestRecord, options: CodegenOptions = {}): string {
  const { method, url, headers, body, suppressContentType, digest } = codegenRequest(request, options);
  const names = headers.map(([name]) => name.toLowerCase());
  const asPairs = new Set(names).size !== names.length || names.includes("__proto__");
  const lines =
    digest === undefined
      ? []
      : [
          "// fetch has no Digest support: it cannot answer the 401's challenge with a fresh nonce",
          "// (RFC 7616 §3.3). This sends the request without credentials and prints the 401 and its",
          "// WWW-Authenticate challenge; to authenticate, use the curl, Python or PHP version.",
        ];
  lines.push(`const response = await fetch(${jsString(url)}, {`, `  method: ${jsString(method)},`);
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
 * combined with ", " (RFC 9110 §5.3), since requests takes a dictionary. With `options.digest`,
 * requests' HTTPDigestAuth answers the 401's Digest challenge itself (RFC 7616 §3.4).
 */
export function toPython(request: HttpRequestRecord, options: CodegenOptions = {}): string {
  const { method, url, headers, body, digest } = codegenRequest(request, options);
  const combined = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const entry = combined.get(name.toLowerCase());
    if (entry === undefined) combined.set(name.toLowerCase(), [name, value]);
    else entry[1] = `${entry[1]}, ${value}`;
  }
  const caveat = digest === undefined ? undefined : digestCaveat("python", digest, body !== undefined);
  const lines = caveat === undefined ? [] : [`# ${caveat}`];
  lines.push("import requests");
  if (digest !== undefined) lines.push("from requests.auth import HTTPDigestAuth");
  lines.push("", "response = requests.request(", `    ${pythonString(method)},`, `    ${pythonString(url)},`);
  if (digest !== undefined)
    lines.push(`    auth=HTTPDigestAuth(${pythonString(digest.user)}, ${pythonString(digest.password)}),`);
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
 * control characters. With `options.digest`, cURL answers the Digest challenge itself
 * (CURLAUTH_DIGEST, RFC 7616 §3.4), with the name and password as separate options.
 */
export function toPhp(request: HttpRequestRecord, options: CodegenOptions = {}): string {
  const { method, url, headers, body, suppressContentType, digest } = codegenRequest(request, options);
  const caveat = digest === undefined ? undefined : digestCaveat("php", digest, body !== undefined);
  const lines = ["<?php", ...(caveat === undefined ? [] : [`// ${caveat}`])];
  lines.push(`$curl = curl_init(${phpString(url)});`, "curl_setopt_array($curl, [");
  if (method === "HEAD") lines.push("    CURLOPT_NOBODY => true,");
  else lines.push(`    CURLOPT_CUSTOMREQUEST => ${phpString(method)},`);
  if (digest !== undefined) {
    lines.push(
      "    CURLOPT_HTTPAUTH => CURLAUTH_DIGEST,",
      `    CURLOPT_USERNAME => ${phpString(digest.user)},`,
      `    CURLOPT_PASSWORD => ${phpString(digest.password)},`,
    );
  }
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
