import { expect, test } from "vitest";
import { lintRequest } from "./lints.ts";

const ids = (headers: Array<[string, string]>) => lintRequest({ headers }).map((f) => f.id);

test("good credentials have no findings", () => {
  expect(ids([])).toEqual([]);
  expect(ids([["Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="]])).toEqual([]);
  expect(ids([["authorization", "Bearer mF_9.B5f-4.1JqM"]])).toEqual([]);
  expect(ids([["Proxy-Authorization", 'Digest username="u"']])).toEqual([]);
});

test("two Authorization fields, unparsable credentials, bad Basic and Bearer values", () => {
  expect(
    ids([
      ["Authorization", "Basic a"],
      ["Authorization", "Basic b"],
    ]),
  ).toEqual(["authorization-repeated"]);
  expect(ids([["Authorization", "Basic abc, Bearer x"]])).toEqual(["authorization-unparsable"]);
  expect(ids([["Authorization", `Basic ${btoa("nocolon")}`]])).toEqual(["basic-credentials-invalid"]);
  expect(ids([["Proxy-Authorization", 'Bearer x="y"']])).toEqual(["bearer-token-invalid"]);
});
