/**
 * Requests per second of a server under wrk, for the live server (`npm start`) and httpbin with
 * the same request and the same wrk settings.
 */
import { run } from "./bench-processes.ts";

export interface Throughput {
  url: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: string;
}

/** wrk's settings, shared by every server measured. */
export const wrkSettings = { threads: 2, connections: 16, seconds: 10 };

function milliseconds(text: string | undefined): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text ?? "");
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/** The same request with and without credentials: the 200 path and the 401 challenge path. */
export interface ThroughputPair {
  withCredentials: Throughput | undefined;
  withoutCredentials: Throughput | undefined;
}

/** wrk on `url`, sending `Authorization: <authorization>` when given (otherwise no credentials). */
export async function measureThroughput(url: string, authorization?: string): Promise<Throughput> {
  const { threads, connections, seconds } = wrkSettings;
  const header = authorization === undefined ? [] : ["-H", `Authorization: ${authorization}`];
  const result = await run("wrk", [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", ...header, url], {
    timeoutMs: (seconds + 20) * 1000,
  });
  if (result.code !== 0)
    throw new Error(`wrk failed on ${url}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`);
  const out = result.stdout;
  return {
    url,
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    latencyP50Ms: milliseconds(/^\s+50%\s+(\S+)/m.exec(out)?.[1]),
    latencyP99Ms: milliseconds(/^\s+99%\s+(\S+)/m.exec(out)?.[1]),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    errors: /Socket errors:.*$/m.exec(out)?.[0] ?? "",
  };
}
