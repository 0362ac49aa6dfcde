import { expect, test } from "vitest";
import { decodeExtValue, encodeExtValue } from "./ext-value.ts";

test("RFC 7616 §3.9.2 username*: UTF-8''J%C3%A4s%C3%B8n%20Doe", () => {
  expect(encodeExtValue("J\u00e4s\u00f8n Doe")).toBe("UTF-8''J%C3%A4s%C3%B8n%20Doe");
  expect(decodeExtValue("UTF-8''J%C3%A4s%C3%B8n%20Doe")).toBe("J\u00e4s\u00f8n Doe");
});

test("RFC 8187 §3.2.2 examples: language tag and ISO-8859-1", () => {
  expect(decodeExtValue("utf-8'en'%e2%82%ac%20rates")).toBe("€ rates");
  expect(decodeExtValue("iso-8859-1'en'%A3%20rates")).toBe("£ rates");
});

test("refuses what is not an ext-value", () => {
  for (const value of ["plain", "UTF-8'x", "koi8-r''a", "UTF-8''%G0", "UTF-8''a b", "UTF-8''%C3"])
    expect(decodeExtValue(value), value).toBeUndefined();
});
