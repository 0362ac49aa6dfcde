/** The five classes of status code, named as RFC 9110 §15 names them. */
export const statusClassNames = {
  "1xx": "Informational",
  "2xx": "Successful",
  "3xx": "Redirection",
  "4xx": "Client error",
  "5xx": "Server error",
} as const;

export type StatusClass = keyof typeof statusClassNames;

/** The class of a code: its first digit followed by "xx" (RFC 9110 §15). */
export function statusClassOf(code: number): StatusClass {
  if (!Number.isInteger(code) || code < 100 || code > 599)
    throw new RangeError(`${code} is not a status code (100–599).`);
  return `${Math.floor(code / 100)}xx` as StatusClass;
}
