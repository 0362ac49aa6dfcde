import { expect, test } from "vitest";
import { pageAlert, readLoginForm } from "./oauth-login-form.ts";

const page = (form: string) => `<!doctype html><main><p role="alert">Wrong password &amp; try again.</p>${form}</main>`;

test("readLoginForm reads where the form posts and its fields, hidden values kept, typed ones empty", () => {
  const read = readLoginForm(
    page(
      '<form method="post" action="/lab/api/oauth/login?a=1&amp;b=2"><input type="hidden" name="request" value="r&#x31;"><input name="username"><input type="password" name="password"><input name="otp"></form>',
    ),
    "http://sandbox.test/lab/api/oauth/authorize",
  );
  expect(read).toEqual({
    ok: true,
    action: "http://sandbox.test/lab/api/oauth/login?a=1&b=2",
    fields: [
      ["request", "r1"],
      ["username", ""],
      ["password", ""],
      ["otp", ""],
    ],
    asksOneTimeCode: true,
  });
});

test("readLoginForm refuses a form that would put the password in a URL, and a page without a form, as a Problem", () => {
  const url = "http://sandbox.test/";
  expect(readLoginForm(page('<form action="/login"><input name="password"></form>'), url)).toEqual({
    ok: false,
    error: { message: "The login form does not post, so the password would go into a URL." },
  });
  expect(readLoginForm(page(""), url)).toEqual({
    ok: false,
    error: { message: "The page has no form to sign in with." },
  });
  expect(readLoginForm("x".repeat(200_001), url).ok).toBe(false);
});

test("pageAlert gives the alert's text, references read and tags dropped, or undefined", () => {
  expect(pageAlert(page(""))).toBe("Wrong password & try again.");
  expect(pageAlert("<p>nothing</p>")).toBeUndefined();
});
