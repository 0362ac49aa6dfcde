import { revealAnswer } from "./reveal-answer.ts";
import { SandboxShell } from "./sandbox-shell.ts";

const shells = new WeakMap<HTMLElement, SandboxShell>();

/**
 * Sends `GET <base>api/<endpoint>` through the sandbox client, with the request fields the code
 * answers to (`data-headers`, from src/data/status-responses.ts: 304's If-None-Match), and shows
 * the exchange as the handler sent it, 3xx included.
 */
export async function sendTryIt(root: HTMLElement): Promise<void> {
  let shell = shells.get(root);
  if (shell === undefined) {
    shell = new SandboxShell(root);
    shells.set(root, shell);
  }
  shell.error("");
  const client = await shell.client();
  if (client === undefined) return;
  const sent = await client.send({
    method: "GET",
    endpoint: root.dataset["endpoint"] ?? "",
    auth: { type: "none" },
    headers: requestFields(root.dataset["headers"]),
    body: "",
  });
  if (!sent.ok) return shell.error(sent.error.message);
  revealAnswer(shell.show(sent.exchange, "Sent without credentials"));
}

/** The `data-headers` of a try-it: [name, value] pairs, or none when absent or not such a list. */
export function requestFields(data: string | undefined): Array<[string, string]> {
  try {
    const parsed: unknown = JSON.parse(data ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "string",
    );
  } catch {
    return [];
  }
}
