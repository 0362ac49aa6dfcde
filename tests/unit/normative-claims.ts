/**
 * Finds every sentence the site presents as a requirement (an RFC 2119 / RFC 8174 keyword in bold
 * or in capitals) with the RFC section it cites, and checks it against the table of requirements
 * in tests/data/rfc-requirements.json: the section and level, who the sentence makes act (its
 * subject: a client, a server, a cache…) against who the row binds, and the condition words a row
 * asks for. Files are found by glob, so the check follows them when they move.
 */
import { globSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/** Where requirements are presented to readers: pages, lessons, samples, handler notes, lints. */
export const sources = [
  "src/content/**/*.{md,mdx}",
  "examples/**/*.{conf,sh,php,py,mjs,http,out}",
  "src/**/*.{ts,astro}",
];

/** RFC 2119 and RFC 8174 keywords, folded to the level they state. */
const levels: Readonly<Record<string, Level>> = {
  "MUST NOT": "MUST NOT",
  "SHALL NOT": "MUST NOT",
  "SHOULD NOT": "SHOULD NOT",
  "NOT RECOMMENDED": "SHOULD NOT",
  MUST: "MUST",
  SHALL: "MUST",
  REQUIRED: "MUST",
  SHOULD: "SHOULD",
  RECOMMENDED: "SHOULD",
  MAY: "MAY",
  OPTIONAL: "MAY",
};
export type Level = "MUST" | "MUST NOT" | "SHOULD" | "SHOULD NOT" | "MAY";
export const foldLevel = (keyword: string): Level | undefined => levels[keyword.toUpperCase().replace(/\s+/g, " ")];

const keywordAlternation =
  "MUST NOT|SHALL NOT|SHOULD NOT|NOT RECOMMENDED|MUST|SHALL|SHOULD|RECOMMENDED|REQUIRED|MAY|OPTIONAL";
/** A keyword in bold (any case: the pages write **must**) or in capitals. */
const keywordPattern = new RegExp(
  `\\*\\*(${keywordAlternation})\\*\\*|<strong>(${keywordAlternation})</strong>|\\b(${keywordAlternation})\\b`,
  "gi",
);
const isCapitals = (word: string) => word === word.toUpperCase();

export interface Rfc {
  title: string;
  /** In force; Informational (RFC 1945, 2324: never obsoleted, never a standard); obsoleted; Historic. */
  status: "current" | "informational" | "obsoleted" | "historic";
  obsoletedBy?: number[];
}
/** Who a requirement binds, in the table's words. */
export type Who =
  | "client"
  | "user agent"
  | "origin server"
  | "server"
  | "resource server"
  | "authorization server"
  | "cache"
  | "proxy"
  | "intermediary"
  | "sender"
  | "any recipient";

export interface Requirement {
  /** An RFC number, or an Internet-Draft's name. */
  rfc: number | string;
  section: string;
  level: string;
  /** Who must act. */
  who: Who;
  /** On which message. */
  message: string;
  /** Under what condition ("always" when none). */
  condition: string;
  /** The duty in one line, our words. */
  subject: string;
  /**
   * Words a sentence stating this duty must have in its paragraph or list item (its condition as
   * the page says it); "a|b" means either.
   */
  conditionWords?: string[];
}
export interface RequirementTable {
  rfcs: Record<string, Rfc>;
  requirements: Requirement[];
}

/** One citation in a sentence: RFC number and section (sections: the candidates when computed). */
interface Citation {
  at: number;
  /** "9110", or an Internet-Draft's name. */
  rfc: string;
  /** The sections cited; a computed section is every value it can take, all of which must hold. */
  sections: string[];
  /** Sections listed together ('"Upload Creation" and "Upload Append"'): one of them must hold. */
  anyOf: boolean;
}

/** One keyword occurrence with the citation it is read against. */
export interface Claim {
  file: string;
  line: number;
  sentence: string;
  keyword: string;
  level: Level;
  citation: Citation | undefined;
  /** Who the sentence makes act, as read from it (undefined: the sentence does not say). */
  subject: Subject | undefined;
  /** The paragraph or list item the sentence stands in, for its condition. */
  block: string;
}

/** Who a sentence makes act: a family of actors, as its words name them. */
export type Family = "client" | "server" | "intermediary" | "cache" | "any";
export interface Subject {
  /** The words that name it ("the client", "A 401", "by a cache"). */
  words: string;
  /** The families it can be: a named actor is one; a message ("A 401") is whoever sends it. */
  families: Family[];
}

const familyOf: Readonly<Record<Who, Family>> = {
  client: "client",
  "user agent": "client",
  "origin server": "server",
  server: "server",
  "resource server": "server",
  "authorization server": "server",
  cache: "cache",
  proxy: "intermediary",
  intermediary: "intermediary",
  sender: "any",
  "any recipient": "any",
};

const actorPattern =
  /(?<![-\w])(user agents?|clients?|browsers?|(?:origin |resource |authorization )?servers?|caches?|prox(?:y|ies)|intermediar(?:y|ies)|gateways?|CDNs?|senders?|recipients?)(?![-\w])/gi;

const actorFamily = (word: string): Family => {
  const lower = word.toLowerCase();
  if (/user agent|client|browser/.test(lower)) return "client";
  if (/server/.test(lower)) return "server";
  if (/cache/.test(lower)) return "cache";
  if (/prox|intermediar|gateway|cdn/.test(lower)) return "intermediary";
  return "any";
};

/**
 * Who a sentence makes act with the keyword at `at`: a passive "be stored by a cache" after it;
 * else the last actor named in the keyword's clause before it ("the client **should**"); else a
 * message as subject: a response ("A 401 MUST carry", "the 104 **must**") is its sender's duty, a
 * request ("any retry **must not**") its client's. Undefined when the sentence does not say.
 */
export function subjectOf(sentence: string, at: number, keywordLength: number): Subject | undefined {
  const after = sentence.slice(at + keywordLength).split(/[;:.]|,\s+(?:and|but|or)\s/)[0] ?? "";
  const passive = /^\W*(?:not\s+)?(?:\*\*\s*)?be\s+\w+(?:\s+\w+)?\s+by\s+(?:a|an|the|any)\s+([\w -]+)/i.exec(after);
  if (passive !== null) {
    const actor = [...passive[1]!.matchAll(actorPattern)][0]?.[1];
    if (actor !== undefined) return { words: `by ${actor}`, families: [actorFamily(actor)] };
  }
  if (/^\W*(?:not\s+)?(?:\*\*\s*)?be\s+(?:stored|cached)\b/i.test(after))
    return { words: "stored", families: ["cache"] };
  // Words in quotation marks are quoted, not the sentence's own actors.
  const before = sentence.slice(0, at).replace(/"[^"]*"|“[^”]*”|`[^`]*`/g, (quoted) => " ".repeat(quoted.length));
  // The keyword's clause: after the last clause boundary before it.
  const clause =
    before
      .split(/[;:]\s|,\s+(?:and|but|or|while|whereas)\s|\.\s|\(\s*|\bif\s|\bwhen\s|\bunless\s|["“`](?=\S)/i)
      .at(-1) ?? before;
  const actors = [...clause.matchAll(actorPattern)];
  const last = actors.at(-1);
  // "the server … the client's": an actor in the possessive does not act.
  if (last !== undefined && !/^'s\b/.test(clause.slice(last.index + last[0].length)))
    return { words: last[1]!, families: [actorFamily(last[1]!)] };
  // A message as the clause's subject: it opens the clause ("A 401 MUST", "any retry **must not**").
  const opening = clause
    .replace(/^[-+\s]*/, "")
    .replace(/^\*\*[^*]*\*\*\s*/, "")
    .replace(/^like every [\w ]+,\s*/i, "")
    .replace(/^(?:the|a|an|any|that|this|each|every|such)\s+/i, "");
  if (/^(?:\d{3}s?|1xx|[1-5]xx|(?:single-part |multipart |interim |final )?responses?|challenges?)\b/i.test(opening))
    return { words: clause.trim(), families: ["server", "intermediary"] };
  if (/^(?:requests?|retry|retries)\b/i.test(opening))
    return { words: clause.trim(), families: ["client", "intermediary"] };
  // Else the subject the sentence named last before the clause ("the server should …, and should").
  const earlier = [...before.matchAll(actorPattern)].at(-1)?.[1];
  return earlier === undefined ? undefined : { words: earlier, families: [actorFamily(earlier)] };
}

/** A sentence that mentions an RFC, with the RFCs it mentions (for the obsolete-citation rule). */
export interface Mention {
  file: string;
  line: number;
  sentence: string;
  rfcs: number[];
}

const sectionPattern = String.raw`\d+(?:\.\d+)*|[A-Z](?:\.\d+)*`;

/**
 * The text of a file as a reader sees it, with citations in one notation ("RFC 9110 §15.5.6"):
 * Markdown links reduced to their text (the RFC number taken from the URL when the text has only
 * "§x"), and in code `rfcReference(9110, "15.5.6")` written out; a section computed from a
 * property or a table becomes the set of section strings that property or table holds in the file.
 */
export function readerText(path: string, raw: string): string {
  let text = raw;
  if (/\.(md|mdx)$/.test(path)) {
    text = text.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_, label: string, url: string) => {
      // An Internet-Draft cited by section name: [draft, "Upload Creation"](…/draft-ietf-…).
      const draft = /(draft-[a-z0-9-]+)/.exec(url)?.[1];
      if (draft !== undefined && /^draft, /.test(label)) {
        const names = [...label.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
        return `${draft} §[${names.join("|")}]`;
      }
      const rfc = /rfc(\d{3,4})/i.exec(url)?.[1];
      return rfc !== undefined && !/RFC\s*\d/.test(label) && label.includes("§") ? `RFC ${rfc} ${label}` : label;
    });
  }
  if (/\.(ts|astro|mjs)$/.test(path)) {
    text = text.replace(
      /rfcReference\(\s*(\d+),\s*("([^"]*)"|([\w.[\]]+))\s*\)/g,
      (_, rfc: string, __, literal?: string, expr?: string) =>
        literal !== undefined
          ? `RFC ${rfc} §${literal}`
          : `RFC ${rfc} §{${computedSections(expr ?? "", raw).join("|")}}`,
    );
    // A finding whose `rfc:` is a variable holding a reference: the reference itself.
    for (const [, name, cited] of text.matchAll(/\bconst (\w+) = (RFC \d+ §[^\s;,)]+)/g)) {
      text = text.replace(new RegExp(`\\brfc: ${name}\\b`, "g"), `rfc: ${cited}`);
    }
    text = text.replace(/§\$\{([^}]*)\}/g, (_, expr: string) => `§{${computedSections(expr, raw).join("|")}}`);
  }
  return text;
}

/** The section strings an expression can take: the values of a property, or of a lookup table. */
function computedSections(expression: string, file: string): string[] {
  const table = /^\s*(\w+)\[/.exec(expression)?.[1];
  const found = new Set<string>();
  const sectionLiteral = new RegExp(`"(${sectionPattern})"`, "g");
  if (table !== undefined) {
    const body = new RegExp(`\\b${table}\\b[^=]*=\\s*\\{([^}]*)\\}`).exec(file)?.[1] ?? "";
    for (const match of body.matchAll(sectionLiteral)) found.add(match[1]!);
  } else {
    const property = /(\w+)\s*$/.exec(expression)?.[1] ?? "";
    for (const match of file.matchAll(new RegExp(`\\b${property}:\\s*"(${sectionPattern})"`, "g")))
      found.add(match[1]!);
  }
  return [...found];
}

/** Sentences of a text with the line each starts on; comment markers and line breaks folded away. */
export function sentences(text: string, markdown = false): Array<{ line: number; text: string; block: string }> {
  const result: Array<{ line: number; text: string; block: string }> = [];
  // Blocks end at blank lines, list items, comment-block edges, table rows and string ends.
  const lines = text.split("\n");
  let block: string[] = [];
  let blockLine = 1;
  const flush = () => {
    const joined = block.join(" ").replace(/\s+/g, " ").trim();
    block = [];
    if (joined === "") return;
    // Split after . ! ? or : followed by a space and something that starts a sentence; not after
    // e.g., i.e., etc., §-numbers or version numbers.
    const protectedText = joined.replace(/\b(e\.g|i\.e|etc|vs|cf|Fig|No)\./g, "$1\u0000");
    for (const piece of protectedText.split(/(?<=[.!?])\s+(?=[A-Z*_("'[`<0-9])/)) {
      result.push({ line: blockLine, text: piece.replace(/\u0000/g, "."), block: joined });
    }
  };
  lines.forEach((raw, index) => {
    const line = markdown
      ? raw.replace(/^\s*>\s?/, "")
      : raw.replace(/^\s*(\/\*\*?|\*\/|\*|\/\/|#+)\s?/, "").replace(/\*\/\s*$/, "");
    const boundary =
      /^\s*$/.test(line) || /^\s*([-+]|\d+\.)\s/.test(line) || /^\s*\|/.test(line) || /^\s*\/\*/.test(raw);
    if (boundary || /^\s*(\/\*\*|\*\/)/.test(raw)) flush();
    if (block.length === 0) blockLine = index + 1;
    if (!/^\s*$/.test(line)) block.push(line);
    // A line of code that closes a string or a statement ends the sentence too.
    if (!markdown && /["'`][,;)]?\s*$|[;{}]\s*$/.test(raw) && !/^\s*(\*|\/\/|#)/.test(raw)) flush();
  });
  flush();
  return result;
}

/** Citations in a sentence; a bare "§x" belongs to the RFC named last before it in the file. */
function citations(sentence: string, lastRfc: string | undefined): { list: Citation[]; lastRfc: string | undefined } {
  const list: Citation[] = [];
  let current = lastRfc;
  const pattern = new RegExp(
    `(?:RFC\\s?(\\d{3,4})|(draft-[a-z0-9-]+))(?:\\s*§\\s?(\\{[^}]*\\}|\\[[^\\]]*\\]|${sectionPattern}))?|§\\s?(\\{[^}]*\\}|${sectionPattern})`,
    "g",
  );
  for (const match of sentence.matchAll(pattern)) {
    const section = match[3] ?? match[4];
    if (match[1] !== undefined || match[2] !== undefined) current = match[1] ?? match[2];
    if (section === undefined || current === undefined) continue;
    const listed = section.startsWith("{") || section.startsWith("[");
    const sections = listed ? section.slice(1, -1).split("|").filter(Boolean) : [section.replace(/\.$/, "")];
    list.push({ at: match.index, rfc: current, sections, anyOf: section.startsWith("[") });
  }
  return { list, lastRfc: current };
}

/** Every requirement claim and every RFC mention in one file. */
export function extract(path: string, raw: string): { claims: Claim[]; mentions: Mention[] } {
  const file = relative(root, path);
  const code = /\.(ts|astro|mjs)$/.test(path);
  const claims: Claim[] = [];
  const mentions: Mention[] = [];
  const all = sentences(readerText(path, raw), /\.(md|mdx)$/.test(path));
  let lastRfc: string | undefined;
  all.forEach((sentence, index) => {
    const found = citations(sentence.text, lastRfc);
    lastRfc = found.lastRfc;
    const rfcs = [...sentence.text.matchAll(/RFC\s?(\d{3,4})/g)].map((m) => Number(m[1]));
    if (rfcs.length > 0) mentions.push({ file, line: sentence.line, sentence: sentence.text, rfcs });
    // "X **must** …, and **must** …": a keyword without a subject of its own shares the one before it.
    let previousSubject: Subject | undefined;
    for (const match of sentence.text.matchAll(keywordPattern)) {
      const bold = match[1] ?? match[2];
      const keyword = bold ?? match[3]!;
      if (bold === undefined && !isCapitals(keyword)) continue;
      // In code, a capitalised word that is part of an identifier (MAY_X, X_MUST) is not a keyword.
      if (
        code &&
        /[_$]/.test(`${sentence.text[match.index - 1] ?? ""}${sentence.text[match.index + match[0].length] ?? ""}`)
      )
        continue;
      // "breaks a MUST", "a SHOULD": the keyword named as a noun, not a requirement.
      if (/\b(an?|the)\s+$/i.test(sentence.text.slice(Math.max(0, match.index - 4), match.index))) continue;
      const level = foldLevel(keyword)!;
      // The citation after the keyword in the same sentence, else the one before it, else (in
      // code, where a finding's `rfc:` follows its message) the first in the next sentence.
      // A citation that introduces a quotation ('§2: "Clients MUST NOT …') goes with the keyword
      // quoted after it.
      const introducing = found.list.findLast(
        (c) => c.at < match.index && /^[^:]{0,14}:\s*["“]/.test(sentence.text.slice(c.at, match.index)),
      );
      let citation =
        introducing ?? found.list.find((c) => c.at > match.index) ?? found.list.findLast((c) => c.at < match.index);
      if (citation === undefined && code && all[index + 1] !== undefined) {
        citation = citations(all[index + 1]!.text, lastRfc).list[0];
      }
      const subject = subjectOf(sentence.text, match.index, match[0].length) ?? previousSubject;
      previousSubject = subject;
      claims.push({
        file,
        line: sentence.line,
        sentence: sentence.text,
        keyword,
        level,
        citation,
        subject,
        block: sentence.block,
      });
    }
  });
  return { claims, mentions };
}

/** The files the check reads, relative to the repository root, sorted. */
export function sourceFiles(): string[] {
  return sources
    .flatMap((pattern) => globSync(pattern, { cwd: root }))
    .filter((file) => !/\.test\.ts$|\/__snapshots__\/|node_modules/.test(file))
    .sort();
}

export function extractAll(files = sourceFiles()): { claims: Claim[]; mentions: Mention[] } {
  const claims: Claim[] = [];
  const mentions: Mention[] = [];
  for (const file of files) {
    const found = extract(`${root}${file}`, readFileSync(`${root}${file}`, "utf8"));
    claims.push(...found.claims);
    mentions.push(...found.mentions);
  }
  return { claims, mentions };
}

/**
 * Words that mark a sentence as history: an obsoleted RFC may be named to say what it called or
 * required, never as the authority for what holds now.
 */
export const historyMarker =
  /\b(called|named|said|was|were|had|kept|used to|older|earlier|original(?:ly)?|obsolete[ds]?|obsoleted|replaced|superseded|deprecated|since|formerly|history|historic(?:al)?|until|no longer|dropped|still sends?|reason phrase of|'s reason phrase|'s name)\b|RFC \d+'s\b|RFC \d+ (?:form|style)\b/i;

/** The problems of one claim against the table, as sentences; none when a row backs it. */
export function claimProblems(claim: Claim, table: RequirementTable): string[] {
  const where = `${claim.file}:${claim.line}: "${claim.sentence}"`;
  if (claim.citation === undefined) return [`${where}: ${claim.keyword} cites no RFC section`];
  const { rfc, sections } = claim.citation;
  const info = table.rfcs[rfc];
  if (info === undefined) return [`${where}: ${rfc} is not in the table of RFCs and drafts`];
  const problems: string[] = [];
  if ((info.status === "obsoleted" || info.status === "historic") && !historyMarker.test(claim.sentence)) {
    problems.push(
      `${where}: ${claim.keyword} rests on RFC ${rfc}, which is ${info.status}${info.obsoletedBy ? ` (by RFC ${info.obsoletedBy.join(", ")})` : ""}; cite the current RFC, or say it is history`,
    );
  }
  const name = /^\d+$/.test(rfc) ? `RFC ${rfc}` : rfc;
  const sectionProblems = sections.map((section) => {
    const rows = table.requirements.filter((row) => String(row.rfc) === rfc && row.section === section);
    if (rows.length === 0) return `${where}: no requirement of ${name} §${section} is in the table`;
    const atLevel = rows.filter((row) => foldLevel(row.level) === claim.level);
    if (atLevel.length === 0)
      return `${where}: says ${claim.keyword}, but ${name} §${section} has ${rows.map((row) => `${row.level} (${row.subject})`).join("; ")}`;
    // Who must act: the sentence's subject against who each row binds.
    const subject = claim.subject;
    const bound =
      subject === undefined
        ? atLevel
        : atLevel.filter(
            (row) =>
              familyOf[row.who] === "any" ||
              subject.families.includes("any") ||
              subject.families.includes(familyOf[row.who]),
          );
    if (subject !== undefined && bound.length === 0)
      return `${where}: gives "${subject.words}" a duty that ${name} §${section} (${claim.level}) puts on ${atLevel.map((row) => `the ${row.who} (${row.message}; ${row.condition})`).join(", or ")}`;
    // Under what condition: a row that asks for its condition words finds them in the paragraph.
    const block = claim.block.toLowerCase();
    const stated = (row: Requirement) =>
      (row.conditionWords ?? []).every((words) => words.split("|").some((word) => block.includes(word.toLowerCase())));
    if (!bound.some(stated)) {
      const row = bound[0]!;
      return `${where}: states ${name} §${section} (${claim.level}) without its condition: ${row.condition} (say ${(row.conditionWords ?? []).join(", ")})`;
    }
    return undefined;
  });
  const failed = sectionProblems.filter((problem) => problem !== undefined);
  if (claim.citation.anyOf ? failed.length === sections.length : failed.length > 0) problems.push(...failed);
  return problems;
}

/** The problems of a sentence that names an obsoleted RFC without saying it is history. */
export function mentionProblems(mention: Mention, table: RequirementTable): string[] {
  // A Historic RFC (2774) may still be named as what defined a code; an obsoleted one only as history.
  const outdated = mention.rfcs.filter((rfc) => table.rfcs[String(rfc)]?.status === "obsoleted");
  if (outdated.length === 0 || historyMarker.test(mention.sentence)) return [];
  return [
    `${mention.file}:${mention.line}: "${mention.sentence}" cites RFC ${outdated.join(", ")} (not current) without marking it as history`,
  ];
}
