import { codegenRequest } from "./codegen-request.ts";
import type { HttpRequestRecord } from "./exchange.ts";
import { pythonString } from "./string-literals.ts";

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
