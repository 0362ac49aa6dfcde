import { expect, test } from "vitest";
import { basicCredentialsProblem } from "./basic.ts";

test("says nothing for sendable credentials", () => {
  expect(basicCredentialsProblem("Jäsøn", "p@ss:w\"ord'$")).toBeUndefined();
});

test("names the colon in the user-id and where it is", () => {
  expect(basicCredentialsProblem("ab:c", "")).toContain("character 3");
});

test("names the control character and the field it is in", () => {
  expect(basicCredentialsProblem("u\u007f", "")).toContain("user-id contains the control character U+007F");
  expect(basicCredentialsProblem("u", "\t")).toContain("password contains a tab");
});
