import { expect, test } from "vitest";
import { requestTarget } from "./transcript.ts";

test("absolute URLs give origin-form and Host; the fragment is never sent", () => {
  expect(requestTarget("http://localhost:4321/api/bearer?x=1#top")).toEqual({
    target: "/api/bearer?x=1",
    host: "localhost:4321",
    origin: "http://localhost:4321",
  });
  expect(requestTarget("https://example.org")).toEqual({
    target: "/",
    host: "example.org",
    origin: "https://example.org",
  });
});

test("relative and odd URLs are kept as they are", () => {
  expect(requestTarget("/api/status/401#x")).toEqual({ target: "/api/status/401", host: undefined, origin: undefined });
  expect(requestTarget("")).toEqual({ target: "/", host: undefined, origin: undefined });
  expect(requestTarget("mailto:a@b").target).toBe("mailto:a@b");
});
