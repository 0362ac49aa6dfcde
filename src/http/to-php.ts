import { codegenRequest } from "./codegen-request.ts";
import type { HttpRequestRecord } from "./exchange.ts";
import { phpString } from "./string-literals.ts";

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
