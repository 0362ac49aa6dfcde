import { expect, test } from "vitest";
import { errorPage, escapeHtml, loginPage } from "./login-page.ts";

const hostile = `"><script>alert('x')</script>&amp;`;

test("escapeHtml writes markup characters as references, so a value stays text", () => {
  expect(escapeHtml(hostile)).toBe("&#34;&#62;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;&#38;amp;");
  expect(escapeHtml("plain text")).toBe("plain text");
});

test("the login form has username and password fields, posts to its action, and carries every value as text", () => {
  const html = loginPage({
    action: "/api/oauth/as/authorize",
    hidden: [["state", hostile]],
    clientName: hostile,
    scope: "read",
    resource: "http://localhost/api/oauth/resource",
    askOneTimeCode: false,
    problem: hostile,
    demo: { username: "user", password: "passwd", oneTimeCode: "123456" },
  });
  expect(html).toContain('<form method="post" action="/api/oauth/as/authorize">');
  expect(html).toContain('name="username"');
  expect(html).toContain('name="password" type="password"');
  expect(html).not.toContain('name="otp"');
  expect(html).not.toContain("<script");
  expect(html).toContain(`<input type="hidden" name="state" value="${escapeHtml(hostile)}">`);
});

test("a step-up request adds the one-time code field; the error page escapes too", () => {
  const html = loginPage({
    action: "/a",
    hidden: [],
    clientName: "c",
    scope: "read",
    resource: "r",
    askOneTimeCode: true,
    demo: { username: "user", password: "passwd", oneTimeCode: "123456" },
  });
  expect(html).toContain('name="otp"');
  expect(errorPage("invalid_request", hostile)).not.toContain("<script");
});

test("a client known by its metadata document is named with the document's host, as text; a registered one without", () => {
  const input = {
    action: "/api/oauth/as/authorize",
    hidden: [],
    clientName: "Document client",
    scope: "read",
    resource: "http://localhost/api/oauth/resource",
    askOneTimeCode: false,
    demo: { username: "user", password: "passwd", oneTimeCode: "123456" },
  };
  const named = loginPage({ ...input, clientHost: `client.example"><script>` });
  expect(named).toContain(`(its client ID is a document at <code>client.example&#34;&#62;&#60;script&#62;</code>)`);
  expect(named).not.toContain("<script");
  expect(loginPage(input)).not.toContain("its client ID is a document");
});
