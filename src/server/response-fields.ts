import { scanAuthField } from "../http/index.ts";

/** Field names whose usual spelling is not plain Title-Case. */
const spellings: Record<string, string> = {
  "www-authenticate": "WWW-Authenticate",
  etag: "ETag",
  te: "TE",
  dnt: "DNT",
  "content-md5": "Content-MD5",
  "x-xss-protection": "X-XSS-Protection",
  "dpop-nonce": "DPoP-Nonce", // RFC 9449 §8.1
};

/**
 * A field name as RFCs and most servers write it (`Content-Type`, `WWW-Authenticate`). Names are
 * case-insensitive (RFC 9110 §5.1), and fetch's Headers lower-cases them; the samples' output and
 * the recorded exchanges are read by people, who know them in this spelling.
 */
export function fieldName(name: string): string {
  const known = spelled.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  const spelling =
    spellings[lower] ??
    lower.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
  // Every response spells the same few names: remember them, a bounded number (names can come from a request).
  if (spelled.size < 256) spelled.set(name, spelling);
  return spelling;
}

/** Names spelled so far (fieldName). */
const spelled = new Map<string, string>();

/**
 * Splits a WWW-Authenticate or Proxy-Authenticate value back into one value per challenge, each
 * exactly as written. fetch's Headers joins repeated fields with ", " (RFC 9110 §5.3), which is
 * equivalent for these lists (§11.6.1), but a server that meant two fields should send two, as
 * Apache and nginx do. A value that does not scan is kept whole.
 */
function challengeValues(value: string): string[] {
  const scanned = scanAuthField(value, "challenges");
  if (!scanned.ok || scanned.items.length < 2) return [value];
  const starts = scanned.items.map((item) => item.offset);
  return starts.map((start, index) => value.slice(start, starts[index + 1] ?? value.length).replace(/[\s,]+$/, ""));
}

/**
 * A Response's header fields as Node's `writeHead` takes them (`[name, value, name, value, …]`), in
 * the order Headers keeps (sorted by name), names in their usual spelling, each Set-Cookie a field
 * of its own (Headers yields them one by one: RFC 6265 §3 forbids joining them), and each challenge
 * of WWW-Authenticate / Proxy-Authenticate a field of its own.
 */
export function responseFields(headers: Headers): string[] {
  const fields: string[] = [];
  headers.forEach((value, name) => {
    if (name === "www-authenticate" || name === "proxy-authenticate") {
      for (const challenge of challengeValues(value)) fields.push(fieldName(name), challenge);
      return;
    }
    fields.push(fieldName(name), value);
  });
  return fields;
}
