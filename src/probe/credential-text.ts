/**
 * Why a credential the user typed cannot be sent, naming the character (and where it is), or
 * undefined. A Bearer token goes into the Authorization field as it is, so it must be a valid
 * field value (RFC 9110 §5.5: no CR, LF, NUL or other control character, nothing past U+00FF);
 * a user name and password are encoded (Basic: base64 of UTF-8, RFC 7617 §2.1; Digest: hashed), so
 * only control characters are refused, which RFC 7617 §2 forbids in both.
 */
export function credentialProblem(fields: { user?: string; password?: string; token?: string }): string | undefined {
  const named = [
    ["token", fields.token, /[^\t\u0020-\u007e\u0080-\u00ff]/u],
    ["user", fields.user, /[\u0000-\u001f\u007f-\u009f]/u],
    ["password", fields.password, /[\u0000-\u001f\u007f-\u009f]/u],
  ] as const;
  for (const [name, value, bad] of named) {
    if (value === undefined) continue;
    const match = bad.exec(value);
    if (match === null) continue;
    const character = match[0];
    const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    const label = characterNames[character] ?? (/\p{Cc}/u.test(character) ? "a control character" : `“${character}”`);
    const why =
      name === "token"
        ? "a Bearer token is sent as it is in the Authorization field, which holds no control character and nothing past U+00FF (RFC 9110 §5.5; RFC 6750 §2.1 allows letters, digits and -._~+/=)"
        : "RFC 7617 §2 allows no control character in a user name or password";
    return `The ${name} holds ${label} (${code}) at position ${match.index + 1}: ${why}. Remove it and probe again.`;
  }
  return undefined;
}

const characterNames: Readonly<Record<string, string>> = {
  "\r": "a carriage return",
  "\n": "a line feed",
  "\u0000": "a NUL character",
  "\t": "a tab",
};
