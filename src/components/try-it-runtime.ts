import { SandboxShell } from "./sandbox-shell.ts";

const shells = new WeakMap<HTMLElement, SandboxShell>();

/** Sends `GET <base>api/<endpoint>` through the sandbox client and shows the exchange as the handler sent it, 3xx included. */
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
    headers: [],
    body: "",
  });
  if (!sent.ok) return shell.error(sent.error.message);
  shell.show(sent.exchange, "Sent without credentials");
}
