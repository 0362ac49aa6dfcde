import type { RfcReference } from "./citation.ts";

/** One problem (or remark) found in a message, with the RFC section it rests on. */
export type Finding = {
  /** Stable and kebab-case, e.g. "status-401-without-www-authenticate". */
  id: string;
  /** error: breaks a MUST; warning: breaks a SHOULD or will surprise clients; info: worth knowing. */
  severity: "error" | "warning" | "info";
  /** One or two sentences a reader understands. */
  message: string;
  rfc: RfcReference;
};

/** Header fields as received: names in any case, repeated names allowed, order kept. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * The combined value of every field line with this name (RFC 9110 §5.3: joined with ", "), or
 * undefined when there is none, and how many lines there were.
 */
export function combinedField(headers: HeaderList, name: string): { value: string; lines: number } | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter(([fieldName]) => fieldName.toLowerCase() === lower).map(([, value]) => value);
  return values.length === 0 ? undefined : { value: values.join(", "), lines: values.length };
}
