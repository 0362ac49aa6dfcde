import { expect, test } from "vitest";
import { describeAuth, placeholderParts, placeholderWords, savedByStep } from "./lesson-view.ts";
import type { LessonStep } from "./lesson-schema.ts";

const saved = new Map([
  ["access_token", 6],
  ["access_token_exp", 6],
  ["token_endpoint", 3],
]);

test("a placeholder is said in words, with the step that saves it; never with braces", () => {
  expect(placeholderWords("access_token", saved)).toBe("the access token from step 6");
  expect(placeholderWords("token_endpoint", saved)).toBe("the token endpoint from step 3");
  expect(placeholderWords("access_token_exp", saved)).toBe("the expiry (exp) of the access token from step 6");
  expect(placeholderWords("code_verifier", saved)).toBe("the PKCE code verifier");
  const parts = placeholderParts(`POST {token_endpoint}`, saved);
  expect(parts).toEqual([{ text: "POST " }, { text: "the token endpoint from step 3", value: "token_endpoint" }]);
  const auth = placeholderParts(describeAuth({ type: "bearer", token: "{access_token}" }), saved);
  expect(auth.map((part) => part.text).join("")).toBe("the access token from step 6 as the bearer token");
  // The neighbour: text without a placeholder stays one part, and a literal token keeps its quotes.
  expect(placeholderParts("GET /api/oauth/resource", saved)).toEqual([{ text: "GET /api/oauth/resource" }]);
  expect(describeAuth({ type: "bearer", token: "demo-read-only" })).toBe('the bearer token "demo-read-only"');
  for (const text of ["sent once {access_token_exp} has passed", "DPoP {access_token} and {unknown_name}"])
    expect(
      placeholderParts(text, saved)
        .map((part) => part.text)
        .join(""),
    ).not.toMatch(/[{}]/);
});

test("savedByStep: the first step that saves a name, counted from 1", () => {
  const step = (names: string[]) =>
    ({ save: names.map((name) => ({ name, from: "body.x" })) }) as unknown as LessonStep;
  expect(savedByStep([step([]), step(["code"]), step(["code", "access_token"])])).toEqual(
    new Map([
      ["code", 2],
      ["access_token", 3],
    ]),
  );
});
