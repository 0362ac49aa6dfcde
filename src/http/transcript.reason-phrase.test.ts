import { expect, test } from "vitest";
import { reasonPhrase } from "./transcript.ts";

test("RFC 9110 §15 phrases, including the renamed and unused codes", () => {
  expect(reasonPhrase(401)).toBe("Unauthorized");
  expect(reasonPhrase(407)).toBe("Proxy Authentication Required");
  expect(reasonPhrase(413)).toBe("Content Too Large");
  expect(reasonPhrase(422)).toBe("Unprocessable Content");
  expect(reasonPhrase(421)).toBe("Misdirected Request");
  // 418's registry Description "(Unused)" is an annotation; its status line carries RFC 2324's phrase.
  expect(reasonPhrase(418)).toBe("I'm a teapot");
  expect(reasonPhrase(306)).toBe("(Unused)");
  expect(reasonPhrase(103)).toBe("Early Hints");
  expect(reasonPhrase(425)).toBe("Too Early");
  expect(reasonPhrase(511)).toBe("Network Authentication Required");
});

test("unregistered codes have no phrase", () => {
  expect(reasonPhrase(299)).toBe("");
  expect(reasonPhrase(Number.NaN)).toBe("");
});

test("104, a temporary registration, has its registered phrase (the registry is the one home)", () => {
  expect(reasonPhrase(104)).toBe("Upload Resumption Supported");
});
