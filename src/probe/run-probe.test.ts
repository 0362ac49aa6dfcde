import { expect, test } from "vitest";
import type { HttpRequestRecord } from "../http/index.ts";
import type { ProbeSend } from "./probe-types.ts";
import { runProbe } from "./run-probe.ts";

type Answer = { status: number; headers?: Array<[string, string]>; body?: string } | { refuse: string };

/** A fake transport: answers by URL (and Authorization), records what was sent. */
function fake(answer: (request: HttpRequestRecord) => Answer) {
  const sent: HttpRequestRecord[] = [];
  const send: ProbeSend = async (request) => {
    sent.push(request);
    const result = answer(request);
    if ("refuse" in result) return { ok: false, refused: true, message: result.refuse };
    return {
      ok: true,
      exchange: {
        request,
        response: { status: result.status, statusText: "", headers: result.headers ?? [], body: result.body ?? "" },
      },
    };
  };
  return { send, sent };
}

test("every redirect hop within the origin goes through send, so a hop to a refused address ends the probe with the refusal", async () => {
  const { send, sent } = fake((request) =>
    request.url.endsWith("/y")
      ? { refuse: "Refused before connecting: public.example resolves to 169.254.169.254, link-local." }
      : { status: 302, headers: [["Location", "/y"]] },
  );
  const report = await runProbe({ url: "https://public.example/x", send });
  expect(sent.map((request) => request.url)).toEqual(["https://public.example/x", "https://public.example/y"]);
  expect(report.outcome).toEqual({ kind: "failed", message: expect.stringContaining("Refused before connecting") });
});

test("a redirect that leaves the origin named is not followed: the report says so, nothing is sent there", async () => {
  const { send, sent } = fake((request) =>
    request.url.startsWith("http://127.0.0.1")
      ? { status: 302, headers: [["Location", "http://169.254.169.254/latest/meta-data/"]] }
      : { status: 401, headers: [["WWW-Authenticate", 'Basic realm="r"']] },
  );
  const report = await runProbe({ url: "http://127.0.0.1/x", user: "u", password: "p", send });
  expect(sent.map((request) => request.url)).toEqual(["http://127.0.0.1/x"]);
  expect(report.steps.map((step) => step.exchange.response.status)).toEqual([302]);
  expect(report.outcome).toEqual({
    kind: "failed",
    message: expect.stringContaining("The redirect leaves http://127.0.0.1 for http://169.254.169.254"),
  });
});

test("Digest stale=true: the probe answers once more with the new nonce, then reports acceptance", async () => {
  let round = 0;
  const challenge = (nonce: string, stale: boolean) =>
    `Digest realm="r", qop="auth", algorithm=SHA-256, nonce="${nonce}"${stale ? ", stale=true" : ""}`;
  const { send, sent } = fake((request) => {
    const authorization = request.headers.find(([name]) => name === "Authorization")?.[1];
    if (authorization === undefined) return { status: 401, headers: [["WWW-Authenticate", challenge("n1", false)]] };
    round++;
    return round === 1 ? { status: 401, headers: [["WWW-Authenticate", challenge("n2", true)]] } : { status: 200 };
  });
  const report = await runProbe({ url: "http://127.0.0.1/x", user: "u", password: "p", send, cnonce: () => "c" });
  expect(
    sent.map((request) => /nonce="(n\d)"/.exec(request.headers.find(([n]) => n === "Authorization")?.[1] ?? "")?.[1]),
  ).toEqual([undefined, "n1", "n2"]);
  expect(report.outcome.kind).toBe("accepted");
  expect(report.steps[2]?.label).toContain("stale=true");
});

test("a 403 after the credentials is forbidden, a 200 without any challenge is not protected, a Bearer token cannot answer Basic", async () => {
  const forbidden = fake((request) =>
    request.headers.some(([name]) => name === "Authorization")
      ? { status: 403 }
      : { status: 401, headers: [["WWW-Authenticate", 'Basic realm="r"']] },
  );
  expect(
    (await runProbe({ url: "http://127.0.0.1/", user: "u", password: "p", send: forbidden.send })).outcome.kind,
  ).toBe("forbidden");
  expect((await runProbe({ url: "http://127.0.0.1/", send: fake(() => ({ status: 200 })).send })).outcome.kind).toBe(
    "not-protected",
  );
  const basicOnly = fake(() => ({ status: 401, headers: [["WWW-Authenticate", 'Basic realm="r"']] }));
  const report = await runProbe({ url: "http://127.0.0.1/", token: "t", send: basicOnly.send });
  expect(report.outcome).toEqual({ kind: "cannot-answer", message: expect.stringContaining("not Bearer") });
  expect(basicOnly.sent).toHaveLength(1);
});
