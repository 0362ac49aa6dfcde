import { failure, type Result } from "../http/index.ts";
import { parseHeaderLines, type AuthDraft, type FormSnapshot, type RequestDraft } from "../sandbox/index.ts";
import { credentialsInPath, type LinkedRequest } from "./request-link.ts";
import { findPreset, type Preset } from "./sandbox-presets.ts";

/**
 * The sandbox's request builder, read and written through its form controls. Password, token and
 * raw Authorization live only in their fields: they are read for a request and never snapshotted.
 */
export class RequestForm {
  readonly form: HTMLFormElement;

  /** `signal`: the form follows its preset and auth type until it aborts (the sandbox left the page). */
  constructor(form: HTMLFormElement, signal: AbortSignal) {
    this.form = form;
    form.addEventListener(
      "change",
      (event) => {
        const target = event.target as HTMLElement | null;
        if (target?.getAttribute("name") === "preset") {
          const preset = findPreset((target as HTMLSelectElement).value);
          if (preset !== undefined) this.applyPreset(preset);
        }
        this.showAuthPanel();
      },
      { signal },
    );
  }

  #control<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(name: string): T | undefined {
    const control = this.form.elements.namedItem(name);
    return control instanceof HTMLInputElement ||
      control instanceof HTMLSelectElement ||
      control instanceof HTMLTextAreaElement
      ? (control as T)
      : undefined;
  }

  #value(name: string): string {
    return this.#control(name)?.value ?? "";
  }

  #set(name: string, value: string): void {
    const control = this.#control(name);
    if (control !== undefined) control.value = value;
  }

  get authType(): AuthDraft["type"] {
    const checked = this.form.querySelector<HTMLInputElement>('input[name="auth"]:checked');
    const value = checked?.value;
    return value === "basic" || value === "bearer" || value === "digest" || value === "raw" ? value : "none";
  }

  set authType(type: AuthDraft["type"]) {
    for (const radio of this.form.querySelectorAll<HTMLInputElement>('input[name="auth"]'))
      radio.checked = radio.value === type;
    this.showAuthPanel();
  }

  /** Shows the fields of the chosen auth type, hides the others. */
  showAuthPanel(): void {
    const type = this.authType;
    for (const panel of this.form.querySelectorAll<HTMLElement>("[data-auth-panel]")) {
      panel.hidden = !(panel.dataset["authPanel"] ?? "").split(" ").includes(type);
    }
  }

  applyPreset(preset: Preset): void {
    this.#set("preset", preset.id);
    this.#set("method", preset.method);
    this.#set("endpoint", preset.endpoint);
    this.#set("body", preset.body ?? "");
    const { auth } = preset;
    if (auth.type === "basic" || auth.type === "digest") {
      this.#set("user", auth.user);
      this.#set("password", auth.password);
    }
    if (auth.type === "bearer") this.#set("token", auth.token);
    if (auth.type === "raw") this.#set("raw", auth.value);
    this.authType = auth.type;
    const hint = this.form.querySelector("[data-preset-hint]");
    if (hint !== null) hint.textContent = preset.hint;
  }

  /** What may be stored: everything but the password, the token and the raw Authorization value. */
  snapshot(): FormSnapshot {
    return {
      preset: this.#value("preset"),
      method: this.#value("method"),
      endpoint: this.#value("endpoint"),
      auth: this.authType,
      user: this.#value("user"),
      headers: this.#value("headers"),
      body: this.#value("body"),
    };
  }

  restore(snapshot: FormSnapshot): void {
    const preset = findPreset(snapshot.preset);
    if (preset !== undefined) this.applyPreset(preset);
    // A restored form keeps no secret: the preset's demo password or token is not what was typed.
    for (const name of ["password", "token", "raw"]) {
      this.#set(name, "");
      this.#control(name)?.setAttribute("placeholder", "Not kept after a reload: type it again");
    }
    if (snapshot.method !== "") this.#set("method", snapshot.method);
    this.#set("endpoint", snapshot.endpoint);
    this.#set("user", snapshot.user);
    this.#set("headers", snapshot.headers);
    this.#set("body", snapshot.body);
    this.authType = snapshot.auth;
  }

  /**
   * Shows the request a shared address names (request-link.ts), e.g. a status page's "open in the
   * sandbox" link: no scenario, and no secret, which an address never carries.
   */
  applyLink(linked: LinkedRequest): void {
    this.#set("preset", "");
    this.#set("endpoint", linked.endpoint);
    this.#set("method", linked.method);
    if (linked.user !== undefined) this.#set("user", linked.user);
    for (const name of ["password", "token", "raw"]) this.#set(name, "");
    // The demo account's password when the path names it (basic-auth/user/passwd): already in the address.
    const inPath = credentialsInPath(linked.endpoint);
    if (inPath !== undefined && inPath.auth === linked.auth && inPath.user === linked.user)
      this.#set("password", inPath.password);
    this.#set("body", "");
    this.authType = linked.auth;
    const hint = this.form.querySelector("[data-preset-hint]");
    if (hint !== null) hint.textContent = "The request of the address you opened. Pick a scenario to start another.";
  }

  /** The secrets in the fields now: kept in memory so they can be cut from anything stored. */
  secrets(): string[] {
    return ["password", "token", "raw"].map((name) => this.#value(name)).filter((value) => value !== "");
  }

  /** The request as drafted, or a sentence saying what to fix. */
  draft(): Result<{ draft: RequestDraft }> {
    const headers = parseHeaderLines(this.#value("headers"));
    if (!headers.ok) return headers;
    if (this.#value("endpoint").trim() === "")
      return failure("Enter an endpoint, such as status/404, or pick a scenario.");
    const type = this.authType;
    const auth: AuthDraft =
      type === "basic" || type === "digest"
        ? { type, user: this.#value("user"), password: this.#value("password") }
        : type === "bearer"
          ? { type, token: this.#value("token") }
          : type === "raw"
            ? { type, value: this.#value("raw") }
            : { type: "none" };
    return {
      ok: true,
      draft: {
        method: this.#value("method"),
        endpoint: this.#value("endpoint"),
        auth,
        headers: headers.headers,
        body: this.#value("body"),
      },
    };
  }
}
