/**
 * Runs one file of examples/ the way a reader would (curl in /bin/sh, php, Debian's python3 with
 * requests, node for .mjs), pointed at a test server: the sample's text is copied with its origin
 * `http://localhost:4321` replaced, so the file in the repository is exactly what the page shows.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { sampleOrigin } from "./sample-output.ts";

/** The interpreter of each kind of sample, by file ending. */
export const sampleInterpreters: Readonly<Record<string, string>> = {
  ".sh": "/bin/sh",
  ".php": "php",
  ".py": "/usr/bin/python3",
  ".mjs": process.execPath,
};

export interface SampleRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `path` against `origin` (such as `http://127.0.0.1:41234`), with no proxy and a 30 s limit. */
export async function runSample(path: string, origin: string): Promise<SampleRun> {
  const extension = /\.[a-z]+$/.exec(path)?.[0] ?? "";
  const interpreter = sampleInterpreters[extension];
  if (interpreter === undefined) throw new Error(`No interpreter for ${path}: add one to sampleInterpreters.`);
  const directory = mkdtempSync(join(tmpdir(), "sample-"));
  const copy = join(directory, basename(path));
  writeFileSync(copy, readFileSync(path, "utf8").replaceAll(sampleOrigin, origin));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: directory,
    LANG: "C.UTF-8",
    NO_PROXY: "*",
  };
  try {
    return await new Promise<SampleRun>((resolve) => {
      execFile(
        interpreter,
        [copy],
        { cwd: directory, env, timeout: 30_000, encoding: "utf8" },
        (error, stdout, stderr) => {
          const exitCode = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
          resolve({
            exitCode,
            stdout,
            stderr: error !== null && error.killed ? `${stderr}\n(killed after 30 s)` : stderr,
          });
        },
      );
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export interface CapturedExchange {
  /**
   * What crossed the wire, message by message in the order it was sent: a request's bytes, then
   * the response's, and so on for every exchange on every connection the sample opened.
   */
  messages: Array<{ from: "client" | "server"; bytes: string }>;
}

/**
 * Runs a sample through a recording relay on loopback: the relay reads what the client sends,
 * sends those bytes itself over a TCP socket (node:net) to the server at `target`, and hands back
 * exactly what came back. The result is the HTTP/1.1 exchange as it crossed the wire.
 */
export async function captureExchange(
  path: string,
  target: { host: string; port: number },
): Promise<CapturedExchange & { run: SampleRun; relayOrigin: string }> {
  const chunks: Array<{ from: "client" | "server"; chunk: Buffer }> = [];
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on("data", (chunk: Buffer) => {
      chunks.push({ from: "client", chunk });
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      chunks.push({ from: "server", chunk });
      client.write(chunk);
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const { port } = relay.address() as AddressInfo;
  try {
    const relayOrigin = `http://127.0.0.1:${port}`;
    const run = await runSample(path, relayOrigin);
    const grouped: Array<{ from: "client" | "server"; chunks: Buffer[] }> = [];
    for (const { from, chunk } of chunks) {
      const last = grouped.at(-1);
      if (last?.from === from) last.chunks.push(chunk);
      else grouped.push({ from, chunks: [chunk] });
    }
    const messages = grouped.map(({ from, chunks: parts }) => ({ from, bytes: Buffer.concat(parts).toString("utf8") }));
    return { run, relayOrigin, messages };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
}

/**
 * The text of exchange.http: each message as it was sent, one after the other. A message whose
 * content does not end with a line break (a JSON body, a form) is followed by one, and messages
 * are separated by an empty line, so the next start line is not glued to the previous content.
 */
export function exchangeText(messages: CapturedExchange["messages"]): string {
  return messages
    .map(({ bytes }) => {
      if (bytes.endsWith("\r\n\r\n")) return bytes;
      return bytes.endsWith("\n") ? `${bytes}\n` : `${bytes}\n\n`;
    })
    .join("")
    .replace(/(\r?\n)+$/, "\n");
}
