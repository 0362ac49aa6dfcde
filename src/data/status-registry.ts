/**
 * The IANA HTTP Status Code Registry and the unofficial codes readers meet in the wild, as typed
 * data. The JSON files beside this module are the source of truth; see their `takenFrom` and
 * `about` fields for where they come from.
 */
import registry from "./http-status-codes.json" with { type: "json" };
import unofficial from "./unofficial-status-codes.json" with { type: "json" };

/** Where a code stands in the IANA registry (RFC 9110 §16.2.1 describes the registry). */
export type RegisteredStanding = "standard" | "temporary" | "deprecated" | "unused" | "obsoleted";

/** One row of the IANA registry. */
export interface RegisteredCode {
  code: number;
  /** The registry's Description without its parenthesised annotations. */
  reasonPhrase: string;
  /** The registry's Description verbatim, where it carries annotations. */
  description?: string;
  /** The registry's Reference column verbatim. */
  reference: string;
  standing: RegisteredStanding;
  /** Older or popular names readers still meet (matched by the explorer's filter). */
  otherNames?: string[];
  /** Why the standing is what it is, where the registry alone does not say. */
  note?: string;
  /** The phrase a status line carries where the registry's Description is not one (418: "I'm a teapot"). */
  sentPhrase?: string;
}

/** A code outside the registry, private to one product. */
export interface UnofficialCode {
  code: number;
  reasonPhrase: string;
  /** The product that produces it (nginx, Cloudflare). */
  usedBy: string;
  /** The product's own documentation or source. */
  reference: string;
  /** What it means there, and why no client should rely on it. */
  use: string;
}

/** The registry as taken: its address, its own Last Updated date, and its rows in code order. */
export const statusRegistry: { source: string; taken: string; codes: readonly RegisteredCode[] } = {
  source: registry.source,
  taken: registry.taken,
  codes: registry.codes as RegisteredCode[],
};

/** The unofficial codes, in code order. */
export const unofficialCodes: readonly UnofficialCode[] = unofficial.codes;

/** The registry row of a code, or undefined when the code is not registered. */
export function registeredCode(code: number): RegisteredCode | undefined {
  return statusRegistry.codes.find((entry) => entry.code === code);
}
