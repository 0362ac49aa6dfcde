import { expect, test } from "vitest";
import { answerChallenge, newClientMemory } from "./answer-challenge.ts";

const request = { method: "GET", url: "http://127.0.0.1/x" };
const answer = async (params: Record<string, string>, user: string) => {
  const result = await answerChallenge(
    [{ scheme: "Basic", params }],
    { type: "basic", user, password: "p" },
    request,
    newClientMemory(),
  );
  return result.ok ? result.authorization : result.error.message;
};

test('the client normalizes to NFC when the Basic challenge says charset="UTF-8" (RFC 7617 §2.1), not otherwise', async () => {
  const utf8 = { realm: "r", charset: "UTF-8" };
  expect(await answer(utf8, "jose\u0301")).toBe(await answer(utf8, "jos\u00e9"));
  expect(await answer({ realm: "r" }, "jose\u0301")).not.toBe(await answer({ realm: "r" }, "jos\u00e9"));
});
