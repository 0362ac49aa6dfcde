import type { Challenge } from "./auth-types.ts";
import type { ScannedAuth } from "./scan-auth-field.ts";

/**
 * Turns a scanned challenge or credentials into the public shape. Parameters are defined as own
 * properties, so a parameter named "__proto__" or "constructor" is data like any other.
 */
export function toAuthValue(item: ScannedAuth): Challenge {
  const params: Record<string, string> = {};
  for (const param of item.params) {
    Object.defineProperty(params, param.name, {
      value: param.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return item.token68 === undefined
    ? { scheme: item.scheme, params }
    : { scheme: item.scheme, params, token68: item.token68 };
}
