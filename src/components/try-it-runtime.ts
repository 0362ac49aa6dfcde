import { apiRoot } from "../sandbox/api-path.ts";
import { startSandbox } from "../sandbox/browser.ts";
import { buildRequest } from "../sandbox/build-request.ts";
import { performExchange } from "../sandbox/perform-exchange.ts";
import { renderExchange } from "./exchange-view.ts";

let count = 0;

/** Sends `GET <base>api/<endpoint>` through the sandbox and shows the exchange above the earlier ones. */
export async function sendTryIt(root: HTMLElement): Promise<void> {
  const base = root.dataset["base"] ?? "/";
  const endpoint = root.dataset["endpoint"] ?? "";
  const status = root.querySelector<HTMLElement>("[data-sandbox-status]");
  const error = root.querySelector<HTMLElement>("[data-sandbox-error]");
  const announce = root.querySelector<HTMLElement>("[data-announce]");
  if (error !== null) error.textContent = "";
  if (status !== null && root.dataset["ready"] === undefined) {
    status.hidden = false;
    status.textContent = "Starting the sandbox…";
  }
  const transport = await startSandbox(base);
  root.dataset["ready"] = transport.kind;
  if (status !== null) {
    status.hidden = transport.kind === "service-worker";
    status.textContent =
      transport.kind === "service-worker" ? "" : `${transport.reason ?? ""} Everything works the same.`;
  }
  const built = buildRequest(
    { method: "GET", endpoint, auth: { type: "none" }, headers: [], body: "" },
    apiRoot(base),
    location.origin,
  );
  if (!built.ok) {
    if (error !== null) error.textContent = built.message;
    return;
  }
  const result = await performExchange(transport, built.record, location.origin);
  if (!result.ok) {
    if (error !== null) error.textContent = result.message;
    return;
  }
  count += 1;
  root
    .querySelector("[data-exchange-log]")
    ?.prepend(renderExchange(result.exchange, count, "Sent without credentials"));
  const { status: code, statusText } = result.exchange.response;
  if (announce !== null) announce.textContent = `The server answered ${code} ${statusText}.`;
}
