import { qrCodeElement } from "./qr-code.ts";
import { parseTextSize, stepTextSize } from "./workshop-text-size.ts";

const textSizeKey = "lab-workshop-text-size";

/** The presenter's text size from the last visit (1 when storage is switched off or tampered with). */
function storedTextSize(): number {
  try {
    return parseTextSize(localStorage.getItem(textSizeKey));
  } catch {
    return 1;
  }
}

/**
 * The presenter's tools of a lesson (WorkshopControls.astro) that change the page, not the step:
 * the text size (kept for the next visit), presenter notes and presentation mode, the dialogs
 * (keys, the audience's QR code) and the audience's address.
 */
export class PresenterTools {
  readonly #root: HTMLElement;
  #textSize = 1;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  /** The size of the last visit, and the audience's address in its dialog. */
  restore(): void {
    this.#applyTextSize(storedTextSize());
    this.#fillAudienceLink();
  }

  /** One size smaller (-1) or larger (+1), kept for the next visit. */
  changeTextSize(direction: -1 | 1): void {
    const size = stepTextSize(this.#textSize, direction);
    try {
      localStorage.setItem(textSizeKey, String(size));
    } catch {
      // Storage switched off: the size holds until the page is left.
    }
    this.#applyTextSize(size);
  }

  /** Switches a page mode (presenter notes, presentation mode) and its button's pressed state. */
  toggle(action: "notes" | "present", attribute: "data-notes" | "data-present"): void {
    const root = document.documentElement;
    const on = !root.hasAttribute(attribute);
    root.toggleAttribute(attribute, on);
    this.#root.querySelector(`button[data-action="${action}"]`)?.setAttribute("aria-pressed", String(on));
  }

  /** Opens a dialog of the lesson (the tools' popover closes first). */
  openDialog(selector: "dialog[data-qr]" | "dialog[data-help]"): void {
    this.#root.querySelector<HTMLElement>("[popover]")?.hidePopover();
    const dialog = this.#root.querySelector<HTMLDialogElement>(selector);
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Scales the lesson's text (the root font size every rem follows), and says the size. */
  #applyTextSize(size: number): void {
    this.#textSize = size;
    document.documentElement.style.setProperty("--lab-ws-text", String(size));
    const output = this.#root.querySelector("[data-text-size]");
    if (output) output.textContent = `${Math.round(size * 100)}%`;
  }

  /** The lesson's address for the room, as a link and a QR code, and whether the room can reach it. */
  #fillAudienceLink(): void {
    const link = this.#root.querySelector<HTMLAnchorElement>("[data-audience-link]");
    const qr = this.#root.querySelector<HTMLElement>("[data-audience-qr]");
    const hint = this.#root.querySelector<HTMLElement>("[data-audience-hint]");
    if (!link || !qr || !hint) return;
    const url = new URL(location.href);
    url.search = "";
    url.hash = "";
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    link.href = url.href;
    link.textContent = url.href;
    qr.replaceChildren(qrCodeElement(url.href, `QR code of ${url.href}`));
    if (loopback) {
      const command = document.createElement("code");
      command.textContent = "npm start -- --host 0.0.0.0";
      hint.replaceChildren(
        "This address only works on this computer. Start the server with ",
        command,
        " and open the lesson with the LAN address it prints, so the class can reach it (and curl the same endpoints).",
      );
    } else {
      hint.textContent = "Everyone on this network can open this address, and curl the same endpoints under api/.";
    }
  }
}
