/**
 * Reading JSON that came over the wire (a response body, a pasted HAR, a stored lesson step)
 * without casting it: type guards narrow what JSON.parse returns, so the compiler checks every
 * read of a value nobody vouched for.
 */

/** A JSON object (not null, not an array): its members are still unknown. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON object a text holds, or undefined when it is not JSON or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON array, its elements still unknown; undefined for anything else. */
export function jsonArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
