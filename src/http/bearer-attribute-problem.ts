import { describeChar } from "./grammar.ts";

/** %x20-21 / %x23-5B / %x5D-7E: printable ASCII without `"` and `\` (RFC 6750 §3). */
function isNqschar(code: number): boolean {
  return code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c;
}

/**
 * Says why a Bearer challenge attribute breaks RFC 6750 §3, or returns undefined:
 * error and error_description use %x20-21 / %x23-5B / %x5D-7E; error_uri the same without space;
 * scope is scope-tokens of %x21 / %x23-5B / %x5D-7E separated by single spaces (RFC 6749 §3.3).
 */
export function bearerAttributeProblem(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower !== "error" && lower !== "error_description" && lower !== "error_uri" && lower !== "scope")
    return undefined;
  if (value.length === 0) return `The Bearer attribute ${lower} is empty; leave it out instead (RFC 6750 §3).`;
  const allowsSpace = lower !== "error_uri";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isNqschar(code) || (!allowsSpace && code === 0x20)) {
      const allowed = allowsSpace ? 'printable ASCII except " and \\' : 'printable ASCII except space, " and \\';
      return `The Bearer attribute ${lower} contains ${describeChar(value, i)} at character ${i + 1}; it may only contain ${allowed} (RFC 6750 §3).`;
    }
    const spaceAtEdge = code === 0x20 && (i === 0 || i === value.length - 1 || value.charCodeAt(i - 1) === 0x20);
    if (lower === "scope" && spaceAtEdge) {
      return `The Bearer scope has a space at character ${i + 1} that does not separate two scope tokens; separate tokens with one space (RFC 6750 §3, RFC 6749 §3.3).`;
    }
  }
  return undefined;
}
