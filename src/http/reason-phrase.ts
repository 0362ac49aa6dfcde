import registry from "../data/http-status-codes.json" with { type: "json" };

/**
 * The reason phrases of the IANA HTTP Status Code Registry (src/data/http-status-codes.json, the
 * one home of registry facts), as RFC 9110 §15 and the other registering RFCs name them: 413
 * Content Too Large, 422 Unprocessable Content, 306 and 418 "(Unused)", 104's temporary
 * registration included.
 */
const phrases: ReadonlyMap<number, string> = new Map(registry.codes.map((row) => [row.code, row.reasonPhrase]));

/** The registered reason phrase of a status code, or "" for an unregistered one (RFC 9110 §15). */
export function reasonPhrase(status: number): string {
  return phrases.get(status) ?? "";
}
