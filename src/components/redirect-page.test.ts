import { expect, test } from "vitest";
import { redirectPage } from "./redirect-page.ts";

test("the page refreshes to the target, links to it and names it canonical", () => {
  const html = redirectPage(
    "/http-status-lab/status/401/",
    "https://example.org/http-status-lab/status/401/",
    "401 Unauthorized",
  );
  expect(html).toContain('<meta http-equiv="refresh" content="0; url=/http-status-lab/status/401/">');
  expect(html).toContain('<a href="/http-status-lab/status/401/">/http-status-lab/status/401/</a>');
  expect(html).toContain('<link rel="canonical" href="https://example.org/http-status-lab/status/401/">');
  expect(html).toContain('<html lang="en">');
  expect(html).not.toMatch(/<script/i);
});

test("text and URLs are escaped, never markup", () => {
  const html = redirectPage('/a"><script>x</script>', "https://example.org/?a=1&b=2", "<b>bold</b>");
  expect(html).not.toContain("<script>");
  expect(html).not.toContain("<b>");
  expect(html).toContain("&#60;b&#62;bold&#60;/b&#62;");
  expect(html).toContain("https://example.org/?a=1&#38;b=2");
});
