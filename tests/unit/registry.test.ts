/**
 * The status registry data (src/data/) against the list of codes, against the status pages,
 * and against an independent source of reason phrases (the `statuses` package).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { statusRegistry, unofficialCodes } from "../../src/data/status-registry.ts";
import { statusClassOf } from "../../src/data/status-classes.ts";

const statusDir = join(process.cwd(), "src/content/status");

interface PageFrontMatter {
  code: number;
  reasonPhrase: string;
  class: string;
  standing: string;
  spec: Array<{ label: string; url: string }>;
}

function readPage(code: number): PageFrontMatter {
  const text = readFileSync(join(statusDir, `${code}.mdx`), "utf8");
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
  if (frontMatter === undefined) throw new Error(`${code}.mdx has no front matter`);
  return parse(frontMatter) as PageFrontMatter;
}

const pageCodes = readdirSync(statusDir)
  .filter((name) => name.endsWith(".mdx"))
  .map((name) => Number(name.slice(0, -4)));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// The registered codes as issue 6 lists them, written out independently of the JSON file.
const expectedRegistered = [
  ...range(100, 104),
  ...range(200, 208),
  226,
  ...range(300, 308),
  ...range(400, 418),
  ...range(421, 426),
  428,
  429,
  431,
  451,
  ...range(500, 508),
  510,
  511,
];

describe("the registry data", () => {
  test("records where and when it was taken", () => {
    expect(statusRegistry.source).toBe("https://www.iana.org/assignments/http-status-codes/");
    expect(statusRegistry.taken).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("holds exactly the registered codes, in order", () => {
    expect(statusRegistry.codes.map((entry) => entry.code)).toEqual(expectedRegistered);
  });

  test("marks the codes that are not ordinary registrations", () => {
    const notStandard = Object.fromEntries(
      statusRegistry.codes
        .filter((entry) => entry.standing !== "standard")
        .map((entry) => [entry.code, entry.standing]),
    );
    expect(notStandard).toEqual({
      104: "temporary",
      305: "deprecated",
      306: "unused",
      418: "unused",
      510: "obsoleted",
    });
  });

  test("uses the current reason phrases of RFC 9110, not the older ones", () => {
    const phrase = (code: number) => statusRegistry.codes.find((entry) => entry.code === code)?.reasonPhrase;
    expect(phrase(413)).toBe("Content Too Large");
    expect(phrase(422)).toBe("Unprocessable Content");
    expect(phrase(306)).toBe("(Unused)");
    expect(phrase(418)).toBe("(Unused)");
    expect(phrase(104)).toBe("Upload Resumption Supported");
  });

  test("keeps unofficial codes out of the registry and lists who uses them", () => {
    const registered = new Set(expectedRegistered);
    expect(unofficialCodes.map((entry) => entry.code)).toEqual([444, 499, ...range(520, 526)]);
    for (const entry of unofficialCodes) {
      expect(registered.has(entry.code)).toBe(false);
      expect(entry.usedBy).toMatch(/^(nginx|Cloudflare)$/);
      expect(entry.reference).toMatch(/^https:\/\//);
    }
  });
});

describe("every code has a page that agrees with the registry", () => {
  test.each(statusRegistry.codes.map((entry) => [entry.code, entry] as const))("%i", (code, entry) => {
    expect(existsSync(join(statusDir, `${code}.mdx`)), `src/content/status/${code}.mdx is missing`).toBe(true);
    const page = readPage(code);
    expect({ code: page.code, reasonPhrase: page.reasonPhrase, class: page.class, standing: page.standing }).toEqual({
      code,
      reasonPhrase: entry.reasonPhrase,
      class: statusClassOf(code),
      standing: entry.standing,
    });
  });

  test.each(unofficialCodes.map((entry) => [entry.code, entry] as const))("%i (unofficial)", (code, entry) => {
    expect(existsSync(join(statusDir, `${code}.mdx`)), `src/content/status/${code}.mdx is missing`).toBe(true);
    const page = readPage(code);
    expect({ code: page.code, reasonPhrase: page.reasonPhrase, class: page.class, standing: page.standing }).toEqual({
      code,
      reasonPhrase: entry.reasonPhrase,
      class: statusClassOf(code),
      standing: "unofficial",
    });
  });

  test("no page exists for a code that is neither registered nor listed as unofficial", () => {
    const known = new Set([...statusRegistry.codes, ...unofficialCodes].map((entry) => entry.code));
    expect(pageCodes.filter((code) => !known.has(code))).toEqual([]);
  });
});

describe("each page's first specification link is the registry's reference", () => {
  // "[RFC9110, Section 15.3.1]" → rfc9110#section-15.3.1; "[RFC4918]" → rfc4918 (any section);
  // "[draft-ietf-…-05]" → that draft on the datatracker (any version).
  function expectedPrefix(reference: string): string {
    const section = /^\[RFC(\d+), Section ([\d.]+)\]$/.exec(reference);
    if (section) return `https://www.rfc-editor.org/rfc/rfc${section[1]}#section-${section[2]}`;
    const rfc = /^\[RFC(\d+)\]/.exec(reference);
    if (rfc) return `https://www.rfc-editor.org/rfc/rfc${rfc[1]}`;
    const draft = /^\[(draft-[a-z0-9-]+?)(-\d\d)?\]$/.exec(reference);
    if (draft) return `https://datatracker.ietf.org/doc/html/${draft[1]}`;
    throw new Error(`unrecognised registry reference ${reference}`);
  }

  test.each(
    statusRegistry.codes.filter((entry) => pageCodes.includes(entry.code)).map((entry) => [entry.code, entry] as const),
  )("%i", (code, entry) => {
    const first = readPage(code).spec[0]?.url ?? "";
    const prefix = expectedPrefix(entry.reference);
    expect(
      first === prefix ||
        first.startsWith(`${prefix}#`) ||
        first.startsWith(`${prefix}-`) ||
        first.startsWith(`${prefix}.`),
    ).toBe(true);
  });
});

describe("reason phrases compared with an independent source (the statuses package)", () => {
  // statuses/codes.json is the table behind Express and many other Node.js servers.
  const independent = createRequire(import.meta.url)("statuses/codes.json") as Record<string, string>;

  // Where we deliberately differ, and why. Each entry must still be a real difference: when the
  // package catches up, the test says so and the entry goes.
  const deliberateDifferences: Record<number, { ours: string; theirs: string | undefined; why: string }> = {
    104: {
      ours: "Upload Resumption Supported",
      theirs: undefined,
      why: "temporary registration (2024), not in the package",
    },
    306: { ours: "(Unused)", theirs: undefined, why: "reserved; the package leaves it out" },
    413: { ours: "Content Too Large", theirs: "Payload Too Large", why: "renamed by RFC 9110 §15.5.14" },
    418: {
      ours: "(Unused)",
      theirs: "I'm a Teapot",
      why: "reserved as unused by RFC 9110 §15.5.19; the package keeps the joke",
    },
    422: { ours: "Unprocessable Content", theirs: "Unprocessable Entity", why: "renamed by RFC 9110 §15.5.21" },
  };
  // Codes the package has that are neither registered nor in our unofficial list.
  const extraInPackage: Record<number, string> = { 509: "Bandwidth Limit Exceeded" };

  test("agrees on every registered code except the listed differences", () => {
    const differences: Record<number, { ours: string; theirs: string | undefined }> = {};
    for (const entry of statusRegistry.codes) {
      const theirs = independent[String(entry.code)];
      if (theirs !== entry.reasonPhrase) differences[entry.code] = { ours: entry.reasonPhrase, theirs };
    }
    const expected = Object.fromEntries(
      Object.entries(deliberateDifferences).map(([code, { ours, theirs }]) => [code, { ours, theirs }]),
    );
    expect(differences).toEqual(expected);
  });

  test("has no codes beyond the registry, our unofficial list and the known extras", () => {
    const known = new Set([...statusRegistry.codes, ...unofficialCodes].map((entry) => String(entry.code)));
    const extras = Object.fromEntries(Object.entries(independent).filter(([code]) => !known.has(code)));
    expect(extras).toEqual(Object.fromEntries(Object.entries(extraInPackage)));
  });
});
