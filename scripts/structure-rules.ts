/**
 * The structure rules `npm run structure` enforces (scripts/structure.ts runs them on the
 * repository; tests/unit/structure.test.ts runs each on small fixtures, both ways). Each rule is a
 * pure function of file texts, so a fixture is a list of `{ path, text }`.
 *
 * 1. No function longer than MAX_FUNCTION_LINES: every outermost function (a function declaration,
 *    a method, a constructor or accessor, an arrow function or function expression not inside
 *    another function) is measured over its whole span, nested functions included.
 * 2. A test file `<name>.test.ts` or `<name>.<aspect>.test.ts` sits beside the module `<name>.ts` it
 *    tests.
 * 3. A comment that names a repository file (`src/http/index.ts`, `digest.ts:71`,
 *    `decisions/probe.md`) names one that exists.
 * 4. One home for three facts: a reason phrase is read from src/data, never written as a string;
 *    a URL under the base path is made by `sitePath` (src/site-config.ts), never by `${base}…`;
 *    and parsed data (JSON.parse, Response.json()) is checked, never cast with `as`.
 */
import ts from "typescript";

export const MAX_FUNCTION_LINES = 80;

export interface FileText {
  /** Repository-relative, with "/" separators. */
  path: string;
  text: string;
}

export interface Finding {
  path: string;
  line: number;
  message: string;
}

export interface FunctionSpan {
  path: string;
  line: number;
  name: string;
  lines: number;
}

const isTestPath = (path: string) => /\.(test|spec)\.[cm]?[jt]s$/.test(path) || path.startsWith("tests/");

/**
 * The TypeScript a file holds: a .ts or .js file whole; for an .astro file its front matter and its
 * <script> elements, every other character blanked (newlines kept, so line numbers stay true).
 */
export function codeOf(file: FileText): string {
  if (!file.path.endsWith(".astro")) return file.text;
  const keep: Array<[number, number]> = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(file.text);
  if (front) keep.push([front.index + 4, front.index + 4 + front[1]!.length]);
  for (const script of file.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = script.index + script[0].indexOf(">") + 1;
    keep.push([start, start + script[1]!.length]);
  }
  let out = "";
  for (let i = 0; i < file.text.length; i++) {
    const ch = file.text[i]!;
    out += ch === "\n" || keep.some(([from, to]) => i >= from && i < to) ? ch : " ";
  }
  return out;
}

/** The markup of an .astro file (everything but its front matter and scripts), blanked likewise. */
function markupOf(file: FileText): string {
  const code = codeOf(file);
  let out = "";
  for (let i = 0; i < file.text.length; i++) out += code[i] === " " ? file.text[i]! : code[i] === "\n" ? "\n" : " ";
  return out;
}

export function parse(file: FileText): ts.SourceFile {
  const kind = /\.[cm]?js$/.test(file.path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, codeOf(file), ts.ScriptTarget.Latest, true, kind);
}

const lineOf = (source: ts.SourceFile, pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  const text = (name: ts.Node | undefined) => (name ? name.getText(source) : undefined);
  const owner = ts.isClassLike(node.parent) ? `${text(node.parent.name) ?? "class"}.` : "";
  if (ts.isConstructorDeclaration(node)) return `${owner}constructor`;
  if (node.name) return `${owner}${text(node.name)}`;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return `${ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent) ? `${text(parent.parent.name) ?? "class"}.` : ""}${text(parent.name)}`;
  }
  if (ts.isCallExpression(parent)) return `callback of ${text(parent.expression)}`;
  return "anonymous function";
}

/** Rule 1: every outermost function's span, longest first (.ts, .js and .astro code). */
export function functionSpans(files: FileText[]): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  for (const file of files) {
    const source = parse(file);
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node) && node.body) {
        const line = lineOf(source, node.getStart(source));
        const lines = lineOf(source, node.end) - line + 1;
        spans.push({ path: file.path, line, name: nameOf(node, source), lines });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return spans.sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path));
}

/** Rule 1's findings: the functions longer than MAX_FUNCTION_LINES. */
export function functionsTooLong(spans: FunctionSpan[]): Finding[] {
  return spans
    .filter((span) => span.lines > MAX_FUNCTION_LINES)
    .map((span) => ({ path: span.path, line: span.line, message: `${span.name}: ${span.lines} lines` }));
}

/** Rule 2: test files under src/ with no module `<name>.ts` beside them (`<name>.<aspect>.test.ts` is its). */
export function testsWithoutModule(paths: string[]): string[] {
  const present = new Set(paths);
  return paths
    .filter((path) => path.startsWith("src/") && path.endsWith(".test.ts"))
    .filter((path) => {
      const dir = path.slice(0, path.lastIndexOf("/") + 1);
      const parts = path.slice(dir.length, -".test.ts".length).split(".");
      return !parts.some((_, i) => present.has(`${dir}${parts.slice(0, i + 1).join(".")}.ts`));
    });
}

const FILE_EXTENSIONS = "ts|mts|cts|js|mjs|cjs|astro|md|mdx|json|ya?ml|css|sh|conf|http|svg|out|php|py";
/**
 * A file name in prose: optional `./` or `../`, folders, a name and a known extension, optionally
 * `:line`. Not part of a URL, a glob (`*.test.ts`), a template (`<code>.mdx`, `${name}.ts`) or a
 * call (`response.json()`).
 */
const FILE_MENTION = new RegExp(
  `(?<![\\w./@<>{}*$\\\\-])((?:\\.{1,2}/)*(?:[\\w-]+/)*[\\w-][\\w.-]*\\.(?:${FILE_EXTENSIONS}))(?::\\d+)?(?![\\w/*(-])`,
  "g",
);
const URL_IN_TEXT = /\b[a-z][\w+.-]*:\/\/\S+/gi;
/**
 * Bare names that are not the repository's: products (`Node.js`), and a machine's own files
 * (`apache2.conf`, `nginx.conf`), whose bare names a comment uses for the system's copy.
 */
const NOT_A_REPOSITORY_NAME = /^(?:[A-Z][\w]*\.js|[\w.-]+\.(?:conf|sh|ya?ml|css|svg|out|php|py|http))$/;

/** Is `mention`, read in a comment of the file `from`, a file of the repository (or of a dependency)? */
function mentionExists(mention: string, from: string, repository: RepositoryIndex): boolean {
  const dir = from.slice(0, from.lastIndexOf("/") + 1);
  const relative = normalize(dir + mention);
  const has = (path: string | undefined) => path !== undefined && repository.paths.has(path);
  if (mention.startsWith(".")) return has(relative);
  if (has(mention) || has(relative) || repository.isGenerated(mention)) return true;
  if (!mention.includes("/")) {
    return NOT_A_REPOSITORY_NAME.test(mention) || repository.names.has(mention) || repository.inDependency(mention);
  }
  return repository.suffixes.some((path) => path.endsWith(`/${mention}`)) || repository.inDependency(mention);
}

interface RepositoryIndex {
  paths: Set<string>;
  names: Set<string>;
  suffixes: string[];
  /** Output the repository ignores (bench-results/bench.json): named, never committed. */
  isGenerated: (path: string) => boolean;
  /** An installed package or one of its files, named as its import specifier (`ipaddr.js`, `statuses/codes.json`). */
  inDependency: (path: string) => boolean;
}

export interface RepositoryFacts {
  isGenerated?: (path: string) => boolean;
  inDependency?: (path: string) => boolean;
}

/** The comments of a file with their positions: // and /* *\/ in code, <!-- --> in .astro markup. */
export function commentsOf(file: FileText): Array<{ pos: number; text: string }> {
  const source = parse(file);
  const text = source.getFullText();
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) seen.set(range.pos, text.slice(range.pos, range.end));
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()));
  if (file.path.endsWith(".astro")) {
    for (const html of markupOf(file).matchAll(/<!--([\s\S]*?)-->/g)) seen.set(html.index, html[0]);
  }
  return [...seen].map(([pos, comment]) => ({ pos, text: comment }));
}

/**
 * Rule 3: comments that name a repository file that does not exist. A name with a folder is looked
 * up from the root, from the comment's folder, as the tail of a repository path, and as a
 * dependency's file; a bare name beside the comment or anywhere in the repository.
 */
export function deadFileMentions(files: FileText[], repositoryPaths: string[], facts: RepositoryFacts = {}): Finding[] {
  const repository: RepositoryIndex = {
    paths: new Set(repositoryPaths),
    names: new Set(repositoryPaths.map((path) => path.slice(path.lastIndexOf("/") + 1))),
    suffixes: repositoryPaths,
    isGenerated: facts.isGenerated ?? (() => false),
    inDependency: facts.inDependency ?? (() => false),
  };
  const findings: Finding[] = [];
  for (const file of files) {
    const source = parse(file);
    for (const comment of commentsOf(file)) {
      const prose = comment.text.replace(URL_IN_TEXT, (url) => " ".repeat(url.length));
      for (const mention of prose.matchAll(FILE_MENTION)) {
        if (mentionExists(mention[1]!, file.path, repository)) continue;
        const line = lineOf(source, comment.pos + mention.index);
        findings.push({ path: file.path, line, message: `names ${mention[0]}, which does not exist` });
      }
    }
  }
  return findings;
}

function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") {
      if (out.pop() === undefined) return undefined;
    } else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

/** The registry's phrases by code (reasonPhrase and otherNames), from the registry's JSON text. */
export function reasonPhrases(registryJson: string): Map<number, string[]> {
  const registry: unknown = JSON.parse(registryJson);
  const phrases = new Map<number, string[]>();
  const codes: unknown[] = isRecord(registry) && Array.isArray(registry["codes"]) ? registry["codes"] : [];
  for (const row of codes) {
    if (!isRecord(row) || typeof row["code"] !== "number") continue;
    const others: unknown[] = Array.isArray(row["otherNames"]) ? row["otherNames"] : [];
    const names = [row["reasonPhrase"], ...others];
    phrases.set(
      row["code"],
      names.filter((name): name is string => typeof name === "string" && !name.startsWith("(")),
    );
  }
  return phrases;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function stringLiterals(source: ts.SourceFile): Array<{ node: ts.Node; text: string }> {
  const found: Array<{ node: ts.Node; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ node, text: node.text });
    else if (ts.isTemplateExpression(node)) {
      found.push({ node, text: node.head.text });
      for (const span of node.templateSpans) found.push({ node: span, text: span.literal.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Rule 4a: a string literal in a .ts file outside src/data (tests exempt) that is a reason phrase
 * ("Not Found") or a status with its phrase ("404 Not Found", "HTTP/1.1 404 Not Found"). Prose that
 * mentions a status ("…: 403 Forbidden, and…") is a sentence, not a second home, and passes.
 */
export function reasonPhraseLiterals(files: FileText[], phrases: Map<number, string[]>): Finding[] {
  const every = new Set([...phrases.values()].flat());
  const findings: Finding[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".ts") || file.path.startsWith("src/data/") || isTestPath(file.path)) continue;
    const source = parse(file);
    for (const { node, text } of stringLiterals(source)) {
      const trimmed = text.trim();
      const line = /^(?:HTTP\/[\d.]+ )?(\d{3}) (.+)$/.exec(trimmed);
      const isStatusLine = line !== null && (phrases.get(Number(line[1])) ?? []).includes(line[2]!);
      if (!every.has(trimmed) && !isStatusLine) continue;
      findings.push({
        path: file.path,
        line: lineOf(source, node.getStart(source)),
        message: `writes "${trimmed}"; read the phrase from src/data (reasonPhrase)`,
      });
    }
  }
  return findings;
}

const isBase = (node: ts.Node): boolean =>
  (ts.isIdentifier(node) && node.text === "base") ||
  (ts.isPropertyAccessExpression(node) && (node.name.text === "base" || node.name.text === "BASE_URL"));

/**
 * Rule 4b: a path built from the base by hand: a template literal that starts with the base and
 * goes on with a path (`${base}status/`, `${x.base}${path}`, `${import.meta.env.BASE_URL}api/`), or
 * `base + "…"`, anywhere in src/ but src/site-config.ts (tests exempt); in .astro markup, the same
 * `${base}` in an expression. The base inside other text (`BASE_PATH=${base} npm start`) and a
 * local named base followed by a non-path (`${base}-sess`) are not paths.
 */
export function basePathsByHand(files: FileText[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!file.path.startsWith("src/") || file.path === "src/site-config.ts" || isTestPath(file.path)) continue;
    const source = parse(file);
    const report = (pos: number, line = lineOf(source, pos)) =>
      findings.push({ path: file.path, line, message: "builds a path from the base by hand; use sitePath(base, …)" });
    const visit = (node: ts.Node): void => {
      const first = ts.isTemplateExpression(node) && node.head.text === "" ? node.templateSpans[0] : undefined;
      const byTemplate = first !== undefined && isBase(first.expression) && /^$|^[\w/?#.%~]/.test(first.literal.text);
      const byPlus =
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
        (isBase(node.left) || isBase(node.right));
      if (byTemplate || byPlus) report(node.getStart(source));
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (file.path.endsWith(".astro")) {
      const markup = markupOf(file);
      for (const hit of markup.matchAll(/`\$\{\s*(?:[\w.]*\.)?(?:base|BASE_URL)\s*\}(?:$|[\w/?#.%~`$])/gm)) {
        report(0, markup.slice(0, hit.index).split("\n").length);
      }
    }
  }
  return findings;
}

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node)
    ? unwrap(node.expression)
    : ts.isAsExpression(node) && isWidening(node.type)
      ? unwrap(node.expression)
      : node;

/** `as unknown` only widens (and `as const` does not apply to a call): neither claims a shape. */
const isWidening = (type: ts.TypeNode) =>
  type.kind === ts.SyntaxKind.UnknownKeyword || (ts.isTypeReferenceNode(type) && type.typeName.getText() === "const");

/** The initializer of the variable `name` as seen from `from`: the nearest enclosing declaration. */
function initializerOf(name: string, from: ts.Node): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    const statements = "statements" in scope ? (scope.statements as ts.NodeArray<ts.Statement>) : undefined;
    if (isFunctionLike(scope) && scope.parameters.some((p) => p.name.getText() === name)) return undefined;
    for (const statement of statements ?? []) {
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations.find((d) => d.name.getText() === name);
      if (declaration) return declaration.initializer;
    }
  }
  return undefined;
}

/** Is this expression parsed data: JSON.parse(…), x.json(), a property of one, or a variable holding one? */
function isParsed(node: ts.Expression, depth = 0): boolean {
  const bare = unwrap(node);
  if (ts.isCallExpression(bare)) {
    const callee = bare.expression;
    return (
      ts.isPropertyAccessExpression(callee) &&
      ((callee.name.text === "parse" && callee.expression.getText() === "JSON") ||
        (callee.name.text === "json" && bare.arguments.length === 0))
    );
  }
  if (ts.isPropertyAccessExpression(bare) || ts.isElementAccessExpression(bare))
    return isParsed(bare.expression, depth);
  if (ts.isIdentifier(bare) && depth < 5) {
    const initializer = initializerOf(bare.text, bare);
    return initializer !== undefined && isParsed(initializer, depth + 1);
  }
  return false;
}

/**
 * Rule 4c: an `as T` (or `<T>x`) cast of parsed data in src/ (tests exempt). JSON.parse and
 * Response.json() return `any`: a cast states a shape nothing checked, so a malformed file or
 * answer travels on typed as valid. Parse it instead (a zod schema, a type guard). The rule looks
 * through parentheses, `await`, `!`, `as unknown` and property access, and follows a variable to
 * its initializer (`const raw = JSON.parse(s); raw as T`). `as unknown` alone is allowed: it
 * widens, it claims nothing.
 */
export function castsOfParsedData(files: FileText[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!file.path.startsWith("src/") || isTestPath(file.path)) continue;
    const source = parse(file);
    const visit = (node: ts.Node): void => {
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isWidening(node.type)) {
        if (isParsed(node.expression)) {
          findings.push({
            path: file.path,
            line: lineOf(source, node.getStart(source)),
            message: `casts parsed data (${node.getText(source).replace(/\s+/g, " ").slice(0, 70)}); parse it instead`,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}
