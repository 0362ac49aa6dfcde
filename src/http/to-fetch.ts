import { codegenRequest } from "./codegen-request.ts";
import type { HttpRequestRecord } from "./exchange.ts";
import { jsString } from "./string-literals.ts";

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
