/** A citation of one RFC section, as shown beside a finding or an explanation. */
export type RfcReference = { label: string; url: string };

/** Cites RFC `rfc` §`section`, linking the RFC Editor's HTML: rfcReference(9110, "15.5.2"). */
export function rfcReference(rfc: number, section: string): RfcReference {
  return { label: `RFC ${rfc} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}` };
}
