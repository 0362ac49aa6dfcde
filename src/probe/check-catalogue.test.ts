import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { isJsonObject } from "../http/index.ts";
import { checkCatalogue, checksForStatus, subRequestsAbout } from "./check-catalogue.ts";

const table: unknown = JSON.parse(
  readFileSync(new URL("../../tests/data/rfc-requirements.json", import.meta.url), "utf8"),
);
const rows = isJsonObject(table) && Array.isArray(table.requirements) ? table.requirements.filter(isJsonObject) : [];
const key = (rfc: unknown, section: unknown, level: unknown, subject: unknown) =>
  `${String(rfc)} §${String(section)} ${String(level).toLowerCase()}: ${String(subject)}`;
const tableKeys = new Set(rows.map((row) => key(row.rfc, row.section, row.level, row.subject)));

test("every row a check names is a row of tests/data/rfc-requirements.json (rfc, section, level, subject)", () => {
  expect(tableKeys.size).toBeGreaterThan(100);
  const named = checkCatalogue.flatMap((entry) =>
    entry.rows.map((row) => key(row.rfc, row.section, row.level, row.subject)),
  );
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter((name) => !tableKeys.has(name))).toEqual([]);
  // The neighbour: a row reworded by one word is not found.
  expect(tableKeys.has(key(9110, "15.5.6", "must", "a 405 carries Allow with the methods it supports"))).toBe(false);
});

test("ids are unique; a status gets its own checks first, then those of every response", () => {
  const ids = checkCatalogue.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(checksForStatus(405).map((entry) => entry.id)).toEqual([
    "allow",
    "date",
    "content-type",
    "vary",
    "validator-syntax",
  ]);
  expect(checksForStatus(304).map((entry) => entry.id)).toEqual([
    "no-content",
    "same-fields-as-200",
    "date",
    "content-type",
    "vary",
    "validator-syntax",
  ]);
  expect(checksForStatus(418).map((entry) => entry.id)).toEqual(["date", "content-type", "vary", "validator-syntax"]);
});

test("a status's page names the sub-requests that start from it or expect it; a code they do not touch names none", () => {
  expect(subRequestsAbout(304).map((entry) => entry.id)).toEqual(["if-none-match", "if-modified-since"]);
  expect(subRequestsAbout(206).map((entry) => entry.id)).toEqual(["range"]);
  expect(subRequestsAbout(418)).toEqual([]);
});
