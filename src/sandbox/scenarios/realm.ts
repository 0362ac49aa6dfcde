/** The protection space of every challenge the sandbox sends, whatever the scheme (RFC 9110 §11.5). */
export const sandboxRealm = "HTTP Status Lab";
