/**
 * `npm run bench`: builds the production site under /http-status-lab/ (timed), serves it as GitHub
 * Pages would, drives Chromium, and prints one table of what readers get (also written as JSON to
 * bench-results/bench.json): JavaScript and transfer per page kind, Lighthouse, the sandbox's
 * click-to-exchange time against a real loopback request to httpbin, and the live server's
 * requests per second beside httpbin's. Every target is printed with pass / FAIL.
 *
 *   node scripts/bench.ts [--skip-build] [--pages-only] [--throughput-only] [--exchanges 50]
 *                         [--lighthouse-runs 3]
 *   node scripts/bench.ts --room [--students 300] [--seconds 20] [--think 4] [--servers 3]
 *
 * `--room` measures a class instead (bench-room.ts): students doing rounds with a think time, on
 * one server and on several behind nginx sharing Redis; it writes bench-results/room.json.
 *
 * `--throughput-only` measures only the servers: the live server's static files beside nginx
 * serving the same build, and its API beside httpbin, each ratio against its target.
 * --pages-only stops after the pages (weights, DOM, Lighthouse): no sandbox timing, no wrk.
 * Lighthouse runs each page --lighthouse-runs times (default 3) after one discarded warm-up run.
 *
 * A benchmark, not a test: it exits 0 when it could measure, whatever the results. Every stage has
 * a timeout, and every process it starts is stopped when it ends or is interrupted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium.ts";
import { runLighthouseRuns, type LighthouseResult } from "./bench-lighthouse.ts";
import { weighPage, type PageWeight } from "./bench-pages.ts";
import { freePort, run, startService, stopAll, withTimeout, type Service } from "./bench-processes.ts";
import { timeSandbox, type SandboxTimings } from "./bench-sandbox.ts";
import { servePagesSite } from "./bench-server.ts";
import { serveWithNginx } from "./bench-static.ts";
import { formatTable, kb, kib, ms, type Row } from "./bench-table.ts";
import { apiPath, sitePath } from "../src/site-config.ts";
import { measureThroughput, wrkSettings, type Throughput, type ThroughputPair } from "./bench-throughput.ts";

const projectRoot = resolve(import.meta.dirname, "..");
const base = "/http-status-lab/";
const outDir = "dist-bench";
const resultsDir = join(projectRoot, "bench-results");
const args = process.argv.slice(2);
const skipBuild = args.includes("--skip-build");
const throughputOnly = args.includes("--throughput-only");
/** Static files measured on both servers: the smallest (the issue's /favicon.svg) and a status page. */
const staticPaths = ["favicon.svg", "status/404/"];
const exchanges = Math.max(50, Number(args[args.indexOf("--exchanges") + 1]) || 50);
const pagesOnly = args.includes("--pages-only");
const lighthouseRuns = args.includes("--lighthouse-runs")
  ? Math.max(1, Number(args[args.indexOf("--lighthouse-runs") + 1]) || 3)
  : 3;
/** Issue 17's limits for a status page: HTML size and, on /status/404/, DOM elements. */
const statusHtmlLimit = 70_000;
const contentDomLimit = 900;
const authorization = "Basic dXNlcjpwYXNzd2Q="; // user:passwd

const watchdog = setTimeout(() => {
  console.error("The bench ran for more than 25 minutes: stopping everything it started.");
  stopAll();
  process.exit(1);
}, 25 * 60_000);
watchdog.unref();

const say = (line: string) => console.error(`· ${line}`);
const problems: string[] = [];
const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await work();
  } catch (error) {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    problems.push(message);
    say(message);
    return undefined;
  }
};

/** The page kinds of the issue; the content page falls back to any built status page. */
function pageKinds(root: string): Array<{ kind: string; path: string | undefined }> {
  const built = (path: string) => existsSync(join(root, path, "index.html"));
  const statusPages = existsSync(join(root, "status")) ? readdirSync(join(root, "status")).sort() : [];
  const content = built("status/404/")
    ? "status/404/"
    : statusPages.find((code) => code !== "401" && built(`status/${code}/`));
  return [
    { kind: "home", path: built("") ? "" : undefined },
    {
      kind: "content page",
      path: content === undefined ? undefined : content.startsWith("status/") ? content : `status/${content}/`,
    },
    { kind: "401 (sandbox)", path: built("status/401/") ? "status/401/" : undefined },
    { kind: "sandbox", path: built("sandbox/") ? "sandbox/" : undefined },
    { kind: "inspector", path: built("inspect/") ? "inspect/" : undefined },
    { kind: "OAuth guide (client)", path: built("oauth/") ? "oauth/" : undefined },
  ];
}

/** Every built status page's HTML, raw and gzip-compressed, read from the build. */
function statusPageSizes(root: string): Array<{ code: string; raw: number; gzip: number }> {
  const folder = join(root, "status");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((code) => existsSync(join(folder, code, "index.html")))
    .map((code) => {
      const html = readFileSync(join(folder, code, "index.html"));
      return { code, raw: html.length, gzip: gzipSync(html, { level: 6 }).length };
    })
    .sort((a, b) => a.raw - b.raw);
}

async function startHttpbin(): Promise<{ service: Service; origin: string; how: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Debian's python3-httpbin is a Flask app; gunicorn (one worker, like our one Node process) is
  // the server it is deployed with. Without gunicorn, Flask's own server.
  if (existsSync("/usr/bin/gunicorn")) {
    const service = await startService(
      "/usr/bin/gunicorn",
      [
        "--bind",
        `127.0.0.1:${port}`,
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        "8",
        "--log-level",
        "warning",
        "httpbin:app",
      ],
      { readyUrl: `${origin}/get`, timeoutMs: 30_000 },
    );
    return { service, origin, how: "gunicorn, 1 worker × 8 threads" };
  }
  const service = await startService(
    "/usr/bin/python3",
    ["-m", "httpbin.core", "--port", String(port), "--host", "127.0.0.1"],
    {
      readyUrl: `${origin}/get`,
      timeoutMs: 30_000,
    },
  );
  return { service, origin, how: "Flask development server" };
}

/** Leaves the marker `npm start` writes after its own build, so it serves ours instead of rebuilding. */
async function markBuildForLiveServer(site: string, startedAtMs: number): Promise<void> {
  const { buildMarkerName } = (await import("../src/server/ensure-build.ts")) as { buildMarkerName: string };
  writeFileSync(
    join(projectRoot, outDir, buildMarkerName),
    `${JSON.stringify({ basePath: base, site, startedAtMs }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const pagesPort = await freePort();
  const site = `http://127.0.0.1:${pagesPort}`;
  let buildMs: number | undefined;

  if (!skipBuild) {
    say(`building into ${outDir}/ under ${base}…`);
    const startedAtMs = Date.now();
    const build = await run(
      process.execPath,
      [join(projectRoot, "node_modules", "astro", "bin", "astro.mjs"), "build"],
      {
        cwd: projectRoot,
        env: { BASE_PATH: base, SITE: site, OUT_DIR: `./${outDir}` },
        timeoutMs: 300_000,
      },
    );
    if (build.code !== 0) {
      console.error(`${build.stdout}\n${build.stderr}`.trim().split("\n").slice(-30).join("\n"));
      throw new Error(build.timedOut ? "The build took more than 300 s." : `The build failed (exit ${build.code}).`);
    }
    buildMs = build.ms;
    await attempt("marking the build for npm start", () => markBuildForLiveServer(site, startedAtMs));
  }
  const root = join(projectRoot, outDir);
  if (!existsSync(join(root, "index.html"))) throw new Error(`No build in ${outDir}/: run without --skip-build.`);

  const served = await servePagesSite(root, base, pagesPort);
  const url = (path: string) => `${served.origin}${sitePath(base, path)}`;
  // Playwright cannot download browsers here: always name one (CHROME_PATH or Debian's).
  const executablePath = chromiumPath() ?? "/usr/bin/chromium";
  const browser: Browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const kinds = throughputOnly ? [] : pageKinds(root);

  const weights = new Map<string, PageWeight>();
  for (const { kind, path } of kinds) {
    if (path === undefined) continue;
    say(`weighing /${path}…`);
    const ready = async (page: Page) => {
      if ((await page.locator('main [data-sandbox-status][data-state="starting"]').count()) > 0) {
        // The 401 page's sandbox starts when it nears the viewport: scrolled to, as a reader would.
        await page.locator("main .lab-sandbox").first().scrollIntoViewIfNeeded();
        await page.locator("main .lab-sandbox[data-ready]").first().waitFor({ timeout: 20_000 });
      }
    };
    const weight = await attempt(`weighing /${path}`, () =>
      withTimeout(weighPage(browser, url(path), { projectRoot, ready }), 90_000, `/${path}`),
    );
    if (weight) weights.set(kind, weight);
  }

  const lighthouse = new Map<string, LighthouseResult[]>();
  const debuggingPort = await freePort();
  const lighthouseBrowser = await chromium.launch({
    executablePath,
    args: [...chromiumArgs, `--remote-debugging-port=${debuggingPort}`],
  });
  // One discarded run first: the browser's own start-up work (its first renderer, font and shader
  // caches) otherwise lands in whichever page is measured first. Lighthouse clears the page's
  // caches before every run, so the measured runs are still cold loads.
  const firstPath = kinds.find((entry) => entry.path !== undefined)?.path;
  if (firstPath !== undefined) {
    say(`Lighthouse warm-up on /${firstPath} (not counted)…`);
    await attempt("Lighthouse warm-up", () => runLighthouseRuns(url(firstPath), debuggingPort, 1));
  }
  for (const { kind, path } of kinds) {
    if (path === undefined) continue;
    say(`Lighthouse on /${path} (${lighthouseRuns} runs)…`);
    const result = await attempt(`Lighthouse on /${path}`, () =>
      runLighthouseRuns(url(path), debuggingPort, lighthouseRuns),
    );
    if (result) lighthouse.set(kind, result);
  }
  await lighthouseBrowser.close();

  const httpbin = pagesOnly ? undefined : await attempt("starting httpbin", startHttpbin);
  let sandbox: SandboxTimings | undefined;
  const sandboxPath =
    kinds.find((entry) => entry.kind === "sandbox")?.path ??
    kinds.find((entry) => entry.kind === "401 (sandbox)")?.path;
  if (httpbin && sandboxPath !== undefined && !throughputOnly) {
    say(`timing ${exchanges} exchanges on /${sandboxPath} at 1× and 4× CPU, beside httpbin…`);
    sandbox = await attempt("timing the sandbox", () =>
      withTimeout(
        timeSandbox(
          browser,
          url(sandboxPath),
          url("api/basic-auth/user/passwd"),
          `${httpbin.origin}/basic-auth/user/passwd`,
          exchanges,
        ),
        600_000,
        "timing the sandbox",
      ),
    );
  }
  await browser.close();
  await served.close();

  // Each server gets the same two loads: with the right credentials (200) and without (401).
  const pair = async (what: string, url: string): Promise<ThroughputPair> => ({
    withCredentials: await attempt(`wrk against ${what}, with credentials`, () =>
      measureThroughput(url, authorization),
    ),
    withoutCredentials: await attempt(`wrk against ${what}, without credentials`, () => measureThroughput(url)),
  });
  let live: ThroughputPair | undefined;
  const liveStatic: Throughput[] = [];
  const nginxStatic: Throughput[] = [];
  let nginxHow: string | undefined;
  let liveNote = "";
  let reference: ThroughputPair | undefined;
  if (httpbin) {
    say(`wrk against httpbin (${wrkSettings.connections} connections, ${wrkSettings.seconds} s, twice)…`);
    reference = await pair("httpbin", `${httpbin.origin}/basic-auth/user/passwd`);
  }
  if (pagesOnly) liveNote = "not measured (--pages-only)";
  else if (existsSync(join(projectRoot, "src", "server", "main.ts"))) {
    const livePort = await freePort();
    const liveOrigin = `http://127.0.0.1:${livePort}`;
    say("starting the live server (node src/server/main.ts)…");
    const server = await attempt("starting the live server", () =>
      startService(process.execPath, [join(projectRoot, "src", "server", "main.ts")], {
        cwd: projectRoot,
        // No request log, as nginx runs with access_log off.
        env: {
          PORT: String(livePort),
          HOST: "127.0.0.1",
          BASE_PATH: base,
          SITE: site,
          OUT_DIR: `./${outDir}`,
          QUIET: "1",
        },
        readyUrl: `${liveOrigin}${apiPath(base, "status/200")}`,
        timeoutMs: 240_000,
      }),
    );
    if (server) {
      say("wrk against the live server…");
      live = await pair("the live server", `${liveOrigin}${apiPath(base, "basic-auth/user/passwd")}`);
      const nginx = await attempt("starting nginx", () => serveWithNginx(root, base));
      if (nginx) {
        nginxHow = nginx.how;
        say(`wrk on static files, the live server and nginx in turn: ${staticPaths.join(", ")}…`);
        for (const path of staticPaths) {
          const ours = await attempt(`wrk on ${path}, live server`, () =>
            measureThroughput(`${liveOrigin}${sitePath(base, path)}`),
          );
          const theirs = await attempt(`wrk on ${path}, nginx`, () =>
            measureThroughput(`${nginx.origin}${sitePath(base, path)}`),
          );
          if (ours && theirs) {
            liveStatic.push(ours);
            nginxStatic.push(theirs);
          }
        }
        nginx.stop();
      }
      server.stop();
    } else liveNote = "did not start";
  } else liveNote = "not available (src/server/main.ts not built yet)";
  httpbin?.service.stop();

  const rows = tabulate({
    buildMs,
    statusPages: statusPageSizes(root),
    kinds,
    weights,
    lighthouse,
    sandbox,
    httpbinHow: httpbin?.how,
    live,
    liveNote,
    reference,
    liveStatic,
    nginxStatic,
    nginxHow,
  });
  const table = formatTable(rows);
  console.log(table);
  if (problems.length > 0) console.log(`\nNot measured:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  writeFileSync(
    join(resultsDir, "bench.json"),
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        chromium: executablePath,
        base,
        buildMs,
        pages: Object.fromEntries(weights),
        statusPages: statusPageSizes(root),
        lighthouse: Object.fromEntries(lighthouse),
        sandbox,
        throughput: { wrk: wrkSettings, live: live ?? liveNote, httpbin: reference, httpbinServer: httpbin?.how },
        rows,
        problems,
      },
      null,
      2,
    )}\n`,
  );
  say(`written to bench-results/bench.json`);
}

interface Measured {
  buildMs: number | undefined;
  statusPages: Array<{ code: string; raw: number; gzip: number }>;
  kinds: Array<{ kind: string; path: string | undefined }>;
  weights: Map<string, PageWeight>;
  lighthouse: Map<string, LighthouseResult[]>;
  sandbox: SandboxTimings | undefined;
  httpbinHow: string | undefined;
  live: ThroughputPair | undefined;
  liveNote: string;
  reference: ThroughputPair | undefined;
  liveStatic: Throughput[];
  nginxStatic: Throughput[];
  nginxHow: string | undefined;
}

function tabulate(measured: Measured): Row[] {
  const rows: Row[] = [];
  const { buildMs, statusPages, kinds, weights, lighthouse, sandbox, live, liveNote, reference } = measured;
  rows.push({
    section: "build",
    measure: "full production build",
    value: buildMs === undefined ? "skipped (--skip-build)" : `${(buildMs / 1000).toFixed(1)} s`,
    target: "≤ 60 s",
    ...(buildMs === undefined ? {} : { pass: buildMs <= 60_000 }),
  });
  if (statusPages.length > 0) {
    const largest = statusPages.at(-1);
    const median = statusPages[Math.floor(statusPages.length / 2)];
    const over = statusPages.filter((page) => page.raw > statusHtmlLimit);
    rows.push({
      section: `every status page (${statusPages.length})`,
      measure: "HTML raw (gzip): largest, median",
      value: `${largest?.code}: ${kb(largest?.raw ?? 0)} (${kb(largest?.gzip ?? 0)}); median ${kb(median?.raw ?? 0)} (${kb(median?.gzip ?? 0)})`,
      target: `each ≤ ${statusHtmlLimit / 1000} kB`,
      pass: over.length === 0,
    });
    if (over.length > 0)
      rows.push({
        section: "every status page",
        measure: "over the limit",
        value: over.map((page) => page.code).join(", "),
      });
  }
  for (const { kind, path } of kinds) {
    const section = path === undefined ? kind : `${kind} /${path}`;
    if (path === undefined) {
      rows.push({ section, measure: "page", value: "not built yet" });
      continue;
    }
    const content = kind === "home" || kind === "content page";
    const weight = weights.get(kind);
    if (weight) {
      rows.push({
        section,
        measure: "HTML raw / gzip",
        value: `${kb(weight.htmlRaw)} / ${kb(weight.htmlGzip)}`,
        ...(path.startsWith("status/")
          ? { target: `≤ ${statusHtmlLimit / 1000} kB raw`, pass: weight.htmlRaw <= statusHtmlLimit }
          : {}),
      });
      rows.push({
        section,
        measure: "DOM elements (loaded, before interaction)",
        value: String(weight.domElements),
        ...(kind === "content page"
          ? { target: `≤ ${contentDomLimit}`, pass: weight.domElements <= contentDomLimit }
          : {}),
      });
      rows.push({
        section,
        measure: "JS before interaction (gzip)",
        value: `${kib(weight.jsGzip)} in ${weight.scripts.length} files`,
      });
      rows.push({
        section,
        measure: "first-party JS loaded (gzip)",
        value: `${kib(weight.firstPartyJsGzip)} files + ${kib(weight.firstPartyInlineGzip)} inline`,
      });
      if (content) {
        rows.push({
          section,
          measure: "first-party JS required",
          value:
            weight.missingWithoutJs.length === 0
              ? "0 B (complete with JS off)"
              : `needed for: ${weight.missingWithoutJs.slice(0, 3).join("; ")}`,
          target: "0 B",
          pass: weight.missingWithoutJs.length === 0,
        });
      }
      rows.push({
        section,
        measure: "total transfer (gzip)",
        value: `${kib(weight.totalGzip)} in ${weight.requests} responses`,
        ...(content ? { target: "≤ 50 KiB", pass: weight.totalGzip <= 50 * 1024 } : {}),
      });
      if (kind === "sandbox" || kind === "401 (sandbox)" || kind === "OAuth guide (client)") {
        // The sandbox's budget: what a page loads before the reader's first click (the service
        // worker script included). The diagram view, Mermaid, copy-as's generators, the OAuth step
        // machine and jose load on first use.
        rows.push({
          section,
          measure: "first-load JS (gzip)",
          value: kib(weight.jsGzip),
          target: "≤ 100 KiB",
          pass: weight.jsGzip <= 100 * 1024,
        });
      }
      const libraries = [
        ...weight.mermaid.map((file) => `Mermaid ${file}`),
        ...weight.shiki.map((file) => `Shiki ${file}`),
      ];
      rows.push({
        section,
        measure: "Mermaid / Shiki in that JS",
        value: libraries.length === 0 ? "none" : libraries.map((entry) => entry.replace(base, "")).join(", "),
        target: "none",
        pass: libraries.length === 0,
      });
    }
    const audits = lighthouse.get(kind) ?? [];
    if (audits.length > 0) {
      // Issue 17: performance 100 in every run on a content page and on the 401 page.
      const perfTarget = content || kind === "401 (sandbox)";
      const hundreds = audits.filter((audit) => audit.scores.performance === 100).length;
      rows.push({
        section,
        measure: `Lighthouse performance, ${audits.length} runs`,
        value: `${audits.map((audit) => audit.scores.performance).join(" / ")} (TBT ${audits
          .map((audit) => ms(audit.tbtMs))
          .join(", ")}; Speed Index ${audits.map((audit) => ms(audit.speedIndexMs)).join(", ")})`,
        ...(perfTarget
          ? { target: `100 in ${audits.length} of ${audits.length}`, pass: hundreds === audits.length }
          : {}),
      });
      const last = audits.at(-1);
      if (last) {
        const { accessibility, bestPractices, seo } = last.scores;
        rows.push({
          section,
          measure: "Lighthouse a11y/bp/SEO (last run)",
          value: `${accessibility} / ${bestPractices} / ${seo}`,
          ...(content
            ? { target: "100 each", pass: accessibility === 100 && bestPractices === 100 && seo === 100 }
            : {}),
        });
        rows.push({
          section,
          measure: "LCP / CLS / DOM size (last run, mobile)",
          value: `${ms(last.lcpMs)} / ${last.cls.toFixed(3)} / ${last.domSize}`,
        });
      }
    }
  }
  if (sandbox) {
    const section = `sandbox /${sandbox.path.replace(base, "")}`;
    rows.push({
      section,
      measure: `worker ready after load (${sandbox.transport})`,
      value: ms(sandbox.workerReadyAfterLoadMs),
    });
    for (const runResult of sandbox.runs) {
      const cpu = `${runResult.cpu}× CPU`;
      const limit = runResult.cpu === 1 ? 100 : 200;
      const click = runResult.clickToShown;
      rows.push({
        section,
        measure: `click → exchange shown, ${cpu}`,
        value: `median ${ms(click.medianMs)}, p95 ${ms(click.p95Ms)} (n=${click.samples})`,
        target: `p95 ≤ ${limit} ms`,
        pass: click.p95Ms <= limit,
      });
      rows.push({
        section,
        measure: `loopback httpbin fetch, ${cpu}`,
        value: `median ${ms(runResult.loopbackFetch.medianMs)}, p95 ${ms(runResult.loopbackFetch.p95Ms)}`,
      });
      rows.push({
        section,
        measure: `sandbox fetch only, ${cpu}`,
        value: `median ${ms(runResult.sandboxFetch.medianMs)}, p95 ${ms(runResult.sandboxFetch.p95Ms)}`,
      });
      const ratio = click.medianMs / runResult.loopbackFetch.medianMs;
      const fetchRatio = runResult.sandboxFetch.medianMs / runResult.loopbackFetch.medianMs;
      rows.push({
        section,
        measure: `sandbox / loopback (median), ${cpu}`,
        value: `${ratio.toFixed(2)} click→shown; ${fetchRatio.toFixed(2)} fetch only`,
        ...(runResult.cpu === 1 ? { target: "≤ 1.0", pass: ratio <= 1 } : {}),
      });
    }
  } else {
    rows.push({ section: "sandbox", measure: "click → exchange shown", value: "not measured (see below)" });
  }
  const wrk = `wrk -t${wrkSettings.threads} -c${wrkSettings.connections} -d${wrkSettings.seconds}s`;
  const rate = (result: Throughput | undefined, otherwise: string) =>
    result
      ? `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(result.latencyP50Ms)}, p99 ${ms(result.latencyP99Ms)}`
      : otherwise;
  const servers: Array<[string, ThroughputPair | undefined, string]> = [
    ["live server (npm start)", live, liveNote || "not measured"],
    [`httpbin (${measured.httpbinHow ?? "not started"})`, reference, "not measured"],
  ];
  for (const [section, results, otherwise] of servers) {
    rows.push({
      section,
      measure: `basic-auth with credentials (200), ${wrk}`,
      value: rate(results?.withCredentials, otherwise),
    });
    rows.push({
      section,
      measure: `basic-auth without credentials (401), ${wrk}`,
      value: rate(results?.withoutCredentials, otherwise),
    });
  }
  const apiRatio =
    live?.withCredentials && reference?.withCredentials
      ? live.withCredentials.requestsPerSecond / reference.withCredentials.requestsPerSecond
      : undefined;
  rows.push({
    section: "live server / httpbin",
    measure: "API req/s ratio, basic-auth with credentials",
    value: apiRatio === undefined ? "not measured" : `${apiRatio.toFixed(2)}×`,
    target: "≥ 3×",
    ...(apiRatio === undefined ? {} : { pass: apiRatio >= 3 }),
  });
  measured.liveStatic.forEach((ours, index) => {
    const theirs = measured.nginxStatic[index];
    if (theirs === undefined) return;
    const path = ours.url.slice(ours.url.indexOf(base) + base.length);
    const ratio = ours.requestsPerSecond / theirs.requestsPerSecond;
    rows.push({ section: `static /${path}`, measure: `live server, ${wrk}`, value: rate(ours, "") });
    rows.push({
      section: `static /${path}`,
      measure: `${measured.nginxHow ?? "nginx"}, ${wrk}`,
      value: rate(theirs, ""),
    });
    rows.push({
      section: `static /${path}`,
      measure: "live server / nginx req/s",
      value: `${ratio.toFixed(2)}×`,
      target: "≥ 0.5×",
      pass: ratio >= 0.5,
    });
  });
  return rows;
}

try {
  if (args.includes("--room")) {
    const { benchRoom } = await import("./bench-room.ts");
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, "room.json"), `${JSON.stringify(await benchRoom(args), null, 2)}\n`);
  } else await main();
} catch (error) {
  console.error(`The bench could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  stopAll();
}
