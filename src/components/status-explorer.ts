import { matchCountMessage, matchesStatusQuery } from "../data/status-filter.ts";

/**
 * <status-explorer>: filters the list of status codes as the reader types, without a reload.
 * Without JavaScript the filter stays hidden and the full list shows. Each item carries
 * data-code and data-filter (its searchable text); the live region says how many match. Enter
 * opens the page when exactly one code matches.
 */
class StatusExplorer extends HTMLElement {
  #connection: AbortController | undefined;

  connectedCallback() {
    const form = this.querySelector("form");
    const input = this.querySelector("input");
    const status = this.querySelector("[role=status]");
    if (!form || !input || !status) return;
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const items = [...this.querySelectorAll<HTMLElement>("[data-filter]")];
    const groups = [...this.querySelectorAll<HTMLElement>("[data-group]")];
    const apply = () => {
      let count = 0;
      for (const item of items) {
        item.hidden = !matchesStatusQuery(input.value, item.dataset["code"] ?? "", item.dataset["filter"] ?? "");
        if (!item.hidden) count += 1;
      }
      for (const group of groups) group.hidden = !group.querySelector("[data-filter]:not([hidden])");
      status.textContent = matchCountMessage(count, items.length);
    };
    form.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        apply();
        const shown = items.filter((item) => !item.hidden);
        const link = shown.length === 1 ? shown[0]?.querySelector("a") : undefined;
        if (link) location.assign(link.href);
      },
      { signal },
    );
    input.addEventListener("input", apply, { signal });
    form.hidden = false;
    // A value the browser restored on back navigation filters at once; otherwise stay quiet.
    if (input.value !== "") apply();
  }

  disconnectedCallback() {
    this.#connection?.abort();
  }
}

customElements.define("status-explorer", StatusExplorer);
