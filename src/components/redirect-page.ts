/** Escapes text for an HTML text node or a double-quoted attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A static page that sends the reader on to `target` (a path on this site) at once: GitHub Pages
 * cannot redirect, so the page does it with <meta http-equiv="refresh">, keeps a plain link for
 * anyone whose browser does not follow it, names the real page as canonical (`canonical`, an
 * absolute URL) and asks search engines not to index the short address. No script, no style:
 * its own content security policy allows nothing.
 */
export function redirectPage(target: string, canonical: string, title: string): string {
  const href = escapeHtml(target);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="content-security-policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta http-equiv="refresh" content="0; url=${href}">
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(canonical)}">
</head>
<body>
<main><p>${escapeHtml(title)} is at <a href="${href}">${href}</a>.</p></main>
</body>
</html>
`;
}
