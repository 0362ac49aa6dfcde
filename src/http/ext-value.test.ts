import { expect, test } from "vitest";
import { decodeExtValue, encodeExtValue } from "./ext-value.ts";

test("RFC 7616 §3.9.2 username*: Jäsøn Doe encodes as UTF-8''J%C3%A4s%C3%B8n%20Doe", () => {
  expect(encodeExtValue("J\u00e4s\u00f8n Doe")).toBe("UTF-8''J%C3%A4s%C3%B8n%20Doe");
});

// RFC 7616 §3.9.2, then RFC 8187 §3.2.2 (a language tag, and ISO-8859-1).
test.each([
  ["UTF-8''J%C3%A4s%C3%B8n%20Doe", "J\u00e4s\u00f8n Doe"],
  ["utf-8'en'%e2%82%ac%20rates", "€ rates"],
  ["iso-8859-1'en'%A3%20rates", "£ rates"],
])("%s decodes to %s", (encoded, decoded) => {
  expect(decodeExtValue(encoded)).toBe(decoded);
});

test("refuses what is not an ext-value", () => {
  for (const value of ["plain", "UTF-8'x", "koi8-r''a", "UTF-8''%G0", "UTF-8''a b", "UTF-8''%C3"])
    expect(decodeExtValue(value), value).toBeUndefined();
});
