import { describeChar } from "./grammar.ts";

/**
 * Says why a user-id and password cannot be sent with Basic (RFC 7617 §2), or returns undefined:
 * the user-id must not contain a colon, and neither may contain a control character (CTL,
 * RFC 5234 B.1: U+0000–U+001F and U+007F). UIs can call it before encodeBasic to explain.
 */
export function basicCredentialsProblem(user: string, password: string): string | undefined {
  const colon = user.indexOf(":");
  if (colon >= 0) {
    return `The user-id contains a colon (character ${colon + 1}); Basic cannot send it, because the first colon separates the user-id from the password (RFC 7617 §2). Choose a user-id without ":".`;
  }
  for (const [label, text] of [
    ["user-id", user],
    ["password", password],
  ] as const) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code <= 0x1f || code === 0x7f) {
        return `The ${label} contains ${describeChar(text, i)} at character ${i + 1}; Basic does not allow control characters in the user-id or password (RFC 7617 §2). Remove it.`;
      }
    }
  }
  return undefined;
}
