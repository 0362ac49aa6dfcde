/**
 * The one citation type of the project (ARCHITECTURE.md, "One home for each fact"): a link to the
 * text a claim rests on, as lints, explanations, the status pages' front matter and the httpbin
 * page show it.
 */
export type Citation = { label: string; url: string };

/** The same type under the name src/http's lints have used; prefer Citation. */
export type RfcReference = Citation;

/** Cites RFC `rfc` §`section`, linking the RFC Editor's HTML: rfcReference(9110, "15.5.2"). */
export function rfcReference(rfc: number, section: string): Citation {
  return { label: `RFC ${rfc} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}` };
}
