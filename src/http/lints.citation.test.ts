import { expect, test } from "vitest";
import { rfcReference } from "./lints.ts";

test("links the RFC Editor's section anchor", () => {
  expect(rfcReference(9110, "15.5.2")).toEqual({
    label: "RFC 9110 §15.5.2",
    url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
  });
});
