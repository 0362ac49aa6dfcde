import { expect, test } from "vitest";
import { parseServerOptions, serverUsage } from "./cli-options.ts";

const options = (argv: string[], env: Record<string, string> = {}) => {
  const result = parseServerOptions(argv, env);
  if (!result.ok) throw new Error(result.message);
  return result.options;
};

test("defaults: loopback, port 4321, the root base path, ./dist", () => {
  expect(options([])).toEqual({
    host: "127.0.0.1",
    port: 4321,
    basePath: "/",
    site: "http://localhost:4321",
    outDir: "./dist",
    help: false,
    quiet: false,
    limits: {},
    allowedHosts: [],
    liveView: false,
  });
});

test("HOST, PORT, BASE_PATH, SITE and OUT_DIR come from the environment", () => {
  expect(
    options([], {
      HOST: "0.0.0.0",
      PORT: "8080",
      BASE_PATH: "http-status-lab",
      SITE: "https://x.test",
      OUT_DIR: "out",
    }),
  ).toEqual({
    host: "0.0.0.0",
    port: 8080,
    basePath: "/http-status-lab/",
    site: "https://x.test",
    outDir: "out",
    help: false,
    quiet: false,
    limits: {},
    allowedHosts: [],
    liveView: false,
  });
});

test("--host and --port win over the environment, in both spellings", () => {
  expect(options(["--host", "0.0.0.0", "--port", "9000"], { HOST: "127.0.0.1", PORT: "8080" })).toMatchObject({
    host: "0.0.0.0",
    port: 9000,
  });
  expect(options(["--host=::", "--port=0"])).toMatchObject({ host: "::", port: 0 });
});

test("--live-view (or LIVE_VIEW=on) shows the live view to other machines; off by default and for other values", () => {
  expect(options(["--live-view"]).liveView).toBe(true);
  expect(options([], { LIVE_VIEW: "on" }).liveView).toBe(true);
  expect(options([], { LIVE_VIEW: "off" }).liveView).toBe(false);
  expect(parseServerOptions(["--live-view=yes"], {})).toMatchObject({ ok: false });
  expect(serverUsage).toContain("--live-view");
});

test("--help is recognised", () => {
  expect(options(["--help"]).help).toBe(true);
});

test("a port that is not a port is refused with a sentence", () => {
  expect(parseServerOptions(["--port", "http"], {})).toEqual({
    ok: false,
    message: '--port is "http", which is not a port: give a whole number from 0 to 65535 (0 picks a free port).',
  });
  expect(parseServerOptions([], { PORT: "70000" })).toMatchObject({
    ok: false,
    message: expect.stringMatching(/^PORT is "70000"/),
  });
});

test("a flag without its value, or an unknown argument, is refused with what to type", () => {
  expect(parseServerOptions(["--host"], {})).toEqual({
    ok: false,
    message: "--host needs a value, for example --host 0.0.0.0.",
  });
  expect(parseServerOptions(["--port", "--host", "x"], {})).toMatchObject({
    ok: false,
    message: expect.stringMatching(/^--port needs a value/),
  });
  expect(parseServerOptions(["--verbose"], {})).toMatchObject({
    ok: false,
    message: expect.stringMatching(/^Unknown argument "--verbose"/),
  });
});

test("--quiet turns the request log off; limits come from the environment, in seconds, counts and bytes", () => {
  expect(options(["--quiet"]).quiet).toBe(true);
  expect(options([], { QUIET: "1" }).quiet).toBe(true);
  expect(options([], { QUIET: "0" }).quiet).toBe(false);
  expect(options([], { SEND_TIMEOUT: "12", MAX_CONNECTIONS: "100", MAX_BODY_BYTES: "2048" }).limits).toEqual({
    sendTimeoutMs: 12_000,
    maxConnections: 100,
    maxBodyBytes: 2048,
  });
});

test("a limit that is not a positive whole number is refused with a sentence", () => {
  for (const value of ["0", "-1", "1.5", "lots"]) {
    const result = parseServerOptions([], { MAX_CONNECTIONS: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`MAX_CONNECTIONS is "${value}"`);
  }
});

test("--help names every variable the README's options table lists for npm start", () => {
  for (const name of ["HOST", "PORT", "BASE_PATH", "SITE", "OUT_DIR", "SERVER_SECRET", "REDIS_URL", "PROBE", "QUIET"]) {
    expect(serverUsage, name).toMatch(new RegExp(`\\b${name}\\b`));
  }
  expect(serverUsage).not.toMatch(/\bCHROME_PATH\b/); // a test and diagram setting, not the server's
});

test("ALLOWED_HOSTS: names and addresses with an optional port, comma- or space-separated; anything else is refused with a sentence", () => {
  expect(
    options([], { ALLOWED_HOSTS: "workshop.example, lab.local 192.168.1.20,[fe80::1],lab.local:8080" }).allowedHosts,
  ).toEqual(["workshop.example", "lab.local", "192.168.1.20", "[fe80::1]", "lab.local:8080"]);
  for (const bad of ["http://workshop.example", "lab.local:", "lab.local:99999", "a/b", "*.example"]) {
    expect(parseServerOptions([], { ALLOWED_HOSTS: bad }), bad).toEqual({
      ok: false,
      message: expect.stringContaining("ALLOWED_HOSTS holds"),
    });
  }
});
