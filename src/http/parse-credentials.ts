import type { ParseCredentialsResult } from "./auth-types.ts";
import { scanAuthField } from "./scan-auth-field.ts";
import { toAuthValue } from "./to-auth-value.ts";

/**
 * Parses an Authorization or Proxy-Authorization field value (RFC 9110 §11.6.2, §11.7.2):
 * exactly one `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.4).
 * Never throws; runs in time linear in the length of the value.
 */
export function parseCredentials(fieldValue: string): ParseCredentialsResult {
  const scanned = scanAuthField(String(fieldValue), "credentials");
  if (!scanned.ok) return { ok: false, error: { message: scanned.error.message, offset: scanned.error.offset } };
  const [first] = scanned.items;
  // The scanner in credentials mode fails on an empty field, so there is exactly one item.
  return first === undefined
    ? {
        ok: false,
        error: { message: 'The field is empty: expected an authentication scheme such as "Basic".', offset: 0 },
      }
    : { ok: true, credentials: toAuthValue(first) };
}
