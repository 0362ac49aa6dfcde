import { expect, test } from "vitest";
import { errorWindow } from "./error-window.ts";

test("a short value is shown whole, with the culprit between before and after", () => {
  expect(errorWindow('Basic realm="x', 6)).toEqual({
    before: "Basic ",
    marked: "r",
    atEnd: false,
    after: 'ealm="x',
    caretColumn: 6,
    position: 7,
  });
});

test("an error at the end marks the place after the last character", () => {
  const window = errorWindow('realm="x', 8);
  expect(window).toMatchObject({
    before: 'realm="x',
    marked: " ",
    atEnd: true,
    after: "",
    caretColumn: 8,
    position: 9,
  });
});

test("a long value is cut around the error with ellipses, and the caret follows the cut", () => {
  const value = `${"a".repeat(5000)}!${"b".repeat(5000)}`;
  const window = errorWindow(value, 5000, 10);
  expect(window.before).toBe(`…${"a".repeat(10)}`);
  expect(window.after).toBe(`${"b".repeat(10)}…`);
  expect(window.caretColumn).toBe(11);
  expect(window.position).toBe(5001);
});

test("control characters show as their pictures, and astral characters count once", () => {
  expect(errorWindow("a\r\nb", 1)).toMatchObject({ marked: "␍", after: "␊b" });
  expect(errorWindow("😀x", 2)).toMatchObject({ before: "😀", marked: "x", caretColumn: 1, position: 2 });
  expect(errorWindow("x😀", 1)).toMatchObject({ marked: "😀", after: "" });
});

test("an offset outside the value is clamped", () => {
  expect(errorWindow("abc", -3).marked).toBe("a");
  expect(errorWindow("abc", 99).atEnd).toBe(true);
});
