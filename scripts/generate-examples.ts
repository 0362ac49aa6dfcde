/**
 * Generates the runnable samples of every status page, examples/<code>/curl.sh, php-curl.php,
 * python-requests.py and fetch.mjs (and follow-redirect.sh for the redirects that name a Location),
 * from one template per language in examples/templates/ and the per-code traits in
 * sample-traits.ts. Every sample has a base name of its own, since its recorded output is
 * <name>.out. 401's samples are written by hand and left alone; so are apache.conf, nginx.conf,
 * the recorded outputs (*.out) and exchange.http.
 *
 *   node scripts/generate-examples.ts           write the samples (idempotent), drop stale ones
 *   node scripts/generate-examples.ts --check   exit 1 if any sample differs from what it would write
 *
 * After a sample changes, record its output again: UPDATE_SAMPLES=1 npx vitest run tests/integration/samples.test.ts
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import registry from "../src/data/http-status-codes.json" with { type: "json" };
import unofficial from "../src/data/unofficial-status-codes.json" with { type: "json" };
import { printedFields } from "../src/data/status-responses.ts";
import { followNotes, sampleDocument, sampleTraits, type SampleTraits } from "./sample-traits.ts";

const examplesDir = fileURLToPath(new URL("../examples/", import.meta.url));
const templatesDir = `${examplesDir}templates/`;
/** Codes whose samples are written by hand. */
const handWritten = new Set([401]);
/** The file endings of samples (src/content/examples.ts shows these on the page). */
const sampleEndings = [".sh", ".php", ".py", ".mjs"];
/** The live server the samples talk to (`npm start`); the samples test rewrites the origin. */
const origin = "http://localhost:4321";
const commentWidth = 100;

/** A template value: text, a flag, a list of lines, or a list of records. */
type Value = string | boolean | readonly string[] | ReadonlyArray<Record<string, string>>;
type Context = Readonly<Record<string, Value>>;

/**
 * Renders a template with a small subset of Mustache: `{{name}}`, sections `{{#name}}…{{/name}}`
 * (kept when true, repeated for each item of a list, `{{.}}` being the item) and inverted
 * sections `{{^name}}…{{/name}}`. A line holding only a section tag disappears with its tag.
 */
export function renderTemplate(template: string, context: Context): string {
  const standalone = /^[ \t]*(\{\{[#^/][\w-]+\}\})[ \t]*\r?\n/gm;
  return expand(template.replace(standalone, "$1"), context);
}

function expand(template: string, context: Context, item?: string | Record<string, string>): string {
  const section = /\{\{([#^])([\w-]+)\}\}([\s\S]*?)\{\{\/\2\}\}/;
  let text = template;
  for (let match = section.exec(text); match !== null; match = section.exec(text)) {
    const [whole, kind, name = "", inner = ""] = match;
    const value = lookup(name, context, item);
    const items = Array.isArray(value) ? (value as ReadonlyArray<string | Record<string, string>>) : undefined;
    const truthy = items === undefined ? Boolean(value) : items.length > 0;
    let rendered = "";
    if (kind === "^") rendered = truthy ? "" : expand(inner, context, item);
    else if (items !== undefined) rendered = items.map((each) => expand(inner, context, each)).join("");
    else if (truthy) rendered = expand(inner, context, item);
    text = text.slice(0, match.index) + rendered + text.slice(match.index + whole.length);
  }
  return text.replace(/\{\{(\.|[\w-]+)\}\}/g, (_, name: string) => {
    const value = lookup(name, context, item);
    if (typeof value !== "string") throw new Error(`Template value {{${name}}} is not text.`);
    return value;
  });
}

function lookup(name: string, context: Context, item: string | Record<string, string> | undefined): Value | undefined {
  if (name === ".") return typeof item === "string" ? item : undefined;
  if (typeof item === "object" && name in item) return item[name];
  return context[name];
}

/** Splits a sentence into lines short enough for a comment with the given prefix. */
function wrap(text: string, prefixLength: number): string[] {
  const lines: string[] = [];
  let line = "";
  // "RFC 9110" and "§15.2" stay on one line with what they cite.
  const words = text.replace(/(RFC|§) (\d)/g, "$1\u00a0$2").split(/[ \t\n]+/);
  for (const word of words.map((w) => w.replaceAll("\u00a0", " "))) {
    if (line !== "" && prefixLength + line.length + 1 + word.length > commentWidth) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

const quoteShell = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const quotePhp = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
const quoteDouble = (text: string) => JSON.stringify(text);
/** A Python string literal, in single quotes when the text holds double quotes (as black writes it). */
const quotePython = (text: string) => (text.includes('"') && !text.includes("'") ? `'${text}'` : quoteDouble(text));

/** A shell command on one line, or with the URL on a continuation line when that would pass 100 characters. */
function shellCommand(words: string[], url: string): string {
  const oneLine = `${words.join(" ")} ${url}`;
  return oneLine.length <= 100 ? oneLine : `${words.join(" ")} \\\n  ${url}`;
}

/** A Python call on one line, or one argument per line when that would pass 99 characters. */
function pythonCall(callee: string, args: string[]): string {
  const oneLine = `response = ${callee}(${args.join(", ")})`;
  if (oneLine.length <= 99) return oneLine;
  return `response = ${callee}(\n${args.map((arg) => `    ${arg},\n`).join("")})`;
}

/** One code's request, spelled for each client. */
function requestContext(code: number, traits: SampleTraits): Context {
  const headers = traits.headers ?? printedFields(code);
  const redirect = code >= 300 && code < 400 && headers.includes("Location");
  const expectContinue = code === 100;
  const method = traits.method ?? (expectContinue ? "POST" : "GET");
  const sendsDocument = method === "POST" || method === "PUT";
  const requestHeaders = { ...traits.requestHeaders, ...(expectContinue ? { Expect: "100-continue" } : {}) };
  const headerEntries = Object.entries(requestHeaders);
  const documentJson = JSON.stringify(sampleDocument).replaceAll('":"', '": "');

  const curlArgs: string[] = [];
  if (method === "PUT" || method === "DELETE") curlArgs.push(`-X ${method}`);
  for (const [name, value] of headerEntries) curlArgs.push(`-H ${quoteShell(`${name}: ${value}`)}`);
  if (expectContinue) curlArgs.push("--data-binary 'hello'");
  else if (sendsDocument) curlArgs.push(`--json ${quoteShell(documentJson)}`);

  const phpOptions: string[] = [];
  if (method === "PUT" || method === "DELETE") phpOptions.push(`CURLOPT_CUSTOMREQUEST, '${method}'`);
  const phpHeaders = headerEntries.map(([name, value]) => quotePhp(`${name}: ${value}`));
  if (sendsDocument && !expectContinue) phpHeaders.push("'Content-Type: application/json'");
  if (phpHeaders.length > 0) phpOptions.push(`CURLOPT_HTTPHEADER, [${phpHeaders.join(", ")}]`);
  if (expectContinue) phpOptions.push("CURLOPT_POSTFIELDS, 'hello'");
  else if (sendsDocument) {
    const fields = Object.entries(sampleDocument).map(([key, value]) => `${quotePhp(key)} => ${quotePhp(value)}`);
    phpOptions.push(`CURLOPT_POSTFIELDS, json_encode([${fields.join(", ")}])`);
  }

  const pythonArgs: string[] = [];
  if (expectContinue) pythonArgs.push('data=b"hello"');
  else if (sendsDocument) pythonArgs.push(`json=${documentJson}`);
  if (headerEntries.length > 0) {
    pythonArgs.push(`headers={${headerEntries.map(([n, v]) => `${quotePython(n)}: ${quotePython(v)}`).join(", ")}}`);
  }
  if (redirect) pythonArgs.push("allow_redirects=False");

  const fetchInit: string[] = [];
  if (method !== "GET") fetchInit.push(`method: "${method}"`);
  const fetchHeaders = headerEntries.filter(([name]) => name !== "Expect");
  if (sendsDocument && !expectContinue) fetchHeaders.push(["Content-Type", "application/json"]);
  if (fetchHeaders.length > 0) {
    fetchInit.push(`headers: { ${fetchHeaders.map(([n, v]) => `${quoteDouble(n)}: ${quoteDouble(v)}`).join(", ")} }`);
  }
  if (expectContinue) fetchInit.push('body: "hello"');
  else if (sendsDocument) fetchInit.push(`body: JSON.stringify(${documentJson})`);
  if (redirect) fetchInit.push('redirect: "manual"');

  const url = `${origin}/api/status/${code}`;
  return {
    code: String(code),
    url,
    interim: code < 200 && !expectContinue,
    expectContinue,
    redirect,
    printBody: ![204, 205, 304].includes(code),
    fetchRejects: traits.fetchRejects === true,
    headers: headers.map((name) => ({ name, lowerName: name.toLowerCase() })),
    curlCommand: shellCommand(["curl -sS -i", ...curlArgs], url),
    phpOptions,
    pythonCall: pythonCall(`requests.${method.toLowerCase()}`, [quoteDouble(url), ...pythonArgs]),
    fetchInit: fetchInit.length === 0 ? "" : `, { ${fetchInit.join(", ")} }`,
  };
}

/** The codes that get generated samples: the registry and the unofficial codes, but not 401. */
export function generatedCodes(): number[] {
  const codes = [...registry.codes, ...unofficial.codes].map((entry) => entry.code).filter((c) => !handWritten.has(c));
  return [...new Set(codes)].sort((a, b) => a - b);
}

/** Every generated sample: path relative to examples/ → content. */
export async function generateExamples(): Promise<Map<string, string>> {
  const template = (name: string) => readFileSync(`${templatesDir}${name}.tmpl`, "utf8");
  const prettierOptions = (await resolveConfig(`${examplesDir}200/fetch.mjs`)) ?? {};
  const files = new Map<string, string>();
  for (const code of generatedCodes()) {
    const traits = sampleTraits[code];
    if (traits === undefined) throw new Error(`scripts/sample-traits.ts has no entry for ${code}: add one.`);
    const context = requestContext(code, traits);
    const withNote = (prefix: string): Context => ({ ...context, note: wrap(traits.note, prefix.length) });
    files.set(`${code}/curl.sh`, renderTemplate(template("curl.sh"), withNote("# ")));
    files.set(`${code}/php-curl.php`, renderTemplate(template("php-curl.php"), withNote("// ")));
    files.set(`${code}/python-requests.py`, renderTemplate(template("python-requests.py"), withNote("# ")));
    const script = renderTemplate(template("fetch.mjs"), withNote("// "));
    files.set(`${code}/fetch.mjs`, await format(script, { ...prettierOptions, parser: "babel" }));
    const followNote = followNotes[code];
    if (followNote !== undefined) {
      const followContext = { ...context, followNote: wrap(followNote, 2) };
      files.set(`${code}/follow-redirect.sh`, renderTemplate(template("follow-redirect.sh"), followContext));
    }
  }
  return files;
}

/** Sample files in a generated code's folder that the generator does not produce. */
function staleSamples(expected: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const code of generatedCodes()) {
    const folder = `${examplesDir}${code}/`;
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const path = `${code}/${name}`;
      if (sampleEndings.some((ending) => name.endsWith(ending)) && !expected.has(path)) stale.push(path);
    }
  }
  return stale;
}

/** What differs between the generated samples and the files on disk, one sentence per file. */
export async function checkExamples(): Promise<string[]> {
  const expected = await generateExamples();
  const problems: string[] = [];
  for (const [path, content] of expected) {
    const onDisk = existsSync(`${examplesDir}${path}`) ? readFileSync(`${examplesDir}${path}`, "utf8") : undefined;
    if (onDisk === undefined) problems.push(`examples/${path} is missing.`);
    else if (onDisk !== content) problems.push(`examples/${path} differs from its template.`);
  }
  for (const path of staleSamples(expected)) problems.push(`examples/${path} is not generated by any template.`);
  return problems;
}

/** Writes every generated sample, and removes stale samples with their recorded output. */
export async function writeExamples(): Promise<{ written: string[]; removed: string[] }> {
  const expected = await generateExamples();
  const written: string[] = [];
  for (const [path, content] of expected) {
    const target = `${examplesDir}${path}`;
    if (existsSync(target) && readFileSync(target, "utf8") === content) continue;
    mkdirSync(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    writeFileSync(target, content);
    written.push(path);
  }
  const removed = staleSamples(expected);
  for (const path of removed) {
    rmSync(`${examplesDir}${path}`);
    rmSync(`${examplesDir}${path.replace(/\.[a-z]+$/, ".out")}`, { force: true });
  }
  return { written, removed };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) {
    const problems = await checkExamples();
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) {
      console.error("Run `node scripts/generate-examples.ts` to regenerate them, then record their outputs.");
      process.exit(1);
    }
    console.log("Every generated sample matches its template.");
  } else {
    const { written, removed } = await writeExamples();
    for (const path of written) console.log(`wrote examples/${path}`);
    for (const path of removed) console.log(`removed examples/${path} (and its .out)`);
    console.log(`${written.length} written, ${removed.length} removed; the others were already up to date.`);
  }
}
