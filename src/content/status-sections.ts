/**
 * The sections every status page has, in order (MDN-style: same order on every page). The first
 * four come from the page's MDX body; the rest are drawn by the page template from data.
 * tests/unit/status-content.test.ts checks each MDX body against `proseSections`.
 */
export const proseSections = ["Overview", "Purpose", "Usage", "Scenarios"] as const;

export const templateSections = [
  { slug: "sequence-diagram", text: "Sequence diagram" },
  { slug: "raw-http-exchange", text: "Raw HTTP exchange" },
  { slug: "try-it", text: "Try it live" },
  { slug: "what-browsers-do", text: "What browsers do" },
  { slug: "curl", text: "curl" },
  { slug: "php-curl", text: "PHP cURL" },
  { slug: "python-requests", text: "Python requests" },
  { slug: "javascript-fetch", text: "JavaScript fetch" },
  { slug: "apache-configuration", text: "Apache configuration" },
  { slug: "nginx-configuration", text: "NGINX configuration" },
  { slug: "specification", text: "Specification" },
  { slug: "often-confused-with", text: "Often confused with" },
] as const;

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** The page's table of contents: the MDX body's headings followed by the template's. */
export function statusPageHeadings(bodyHeadings: readonly Heading[]): Heading[] {
  return [...bodyHeadings, ...templateSections.map((section) => ({ depth: 2, ...section }))];
}
