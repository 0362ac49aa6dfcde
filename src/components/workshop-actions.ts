/** What a presenter can do in a lesson. */
export type WorkshopAction =
  | "previous"
  | "next"
  | "advance"
  | "run"
  | "reset"
  | "notes"
  | "present"
  | "speaker"
  | "qr"
  | "smaller"
  | "larger"
  | "help";

export interface WorkshopActionInfo {
  action: WorkshopAction;
  /** The button's text (also its accessible name, with the key after it). */
  label: string;
  /** The key shown on the button. */
  key: string;
  /** Every key (KeyboardEvent.key) that triggers the action, as the Keys dialog lists them. */
  keys: readonly string[];
  /** The KeyboardEvent.key values that trigger it ("=" beside "+", letters in either case). */
  eventKeys: readonly string[];
  /** aria-keyshortcuts for the button. */
  shortcuts: string;
  /** Where the button lives: on the lesson bar, among the presenter tools, or nowhere (key only). */
  place: "bar" | "tools" | "key";
  /** A button that stays pressed (aria-pressed). */
  toggle?: boolean;
  /** What the Keys dialog says, when more than the label. */
  description?: string;
}

/**
 * The one list of the workshop's actions: the buttons, the keys that trigger them and the Keys
 * dialog are all drawn from it. PageDown and PageUp are what presentation clickers send.
 */
export const workshopActions: readonly WorkshopActionInfo[] = [
  {
    action: "previous",
    eventKeys: ["ArrowLeft", "PageUp"],
    label: "Previous step",
    key: "←",
    keys: ["←", "PageUp"],
    shortcuts: "ArrowLeft PageUp",
    place: "bar",
  },
  { action: "run", eventKeys: ["r", "R"], label: "Run request", key: "R", keys: ["R"], shortcuts: "R", place: "bar" },
  {
    action: "next",
    eventKeys: ["ArrowRight"],
    label: "Next step",
    key: "→",
    keys: ["→"],
    shortcuts: "ArrowRight",
    place: "bar",
  },
  {
    action: "advance",
    eventKeys: ["PageDown"],
    label: "Run, then next step",
    key: "PageDown",
    keys: ["PageDown"],
    shortcuts: "PageDown",
    place: "key",
    description: "Clicker forward: run the step (or skip its wait), then go on",
  },
  {
    action: "reset",
    eventKeys: ["Home"],
    label: "Reset lesson",
    key: "Home",
    keys: ["Home"],
    shortcuts: "Home",
    place: "tools",
  },
  {
    action: "notes",
    eventKeys: ["s", "S"],
    label: "Presenter notes",
    key: "S",
    keys: ["S"],
    shortcuts: "S",
    place: "tools",
    toggle: true,
  },
  {
    action: "present",
    eventKeys: ["p", "P"],
    label: "Presentation mode",
    key: "P",
    keys: ["P"],
    shortcuts: "P",
    place: "tools",
    toggle: true,
  },
  {
    action: "speaker",
    eventKeys: ["v", "V"],
    label: "Speaker view",
    key: "V",
    keys: ["V"],
    shortcuts: "V",
    place: "tools",
    description: "Speaker view: notes, next step, timer, in step",
  },
  {
    action: "qr",
    eventKeys: ["q", "Q"],
    label: "Audience QR code",
    key: "Q",
    keys: ["Q"],
    shortcuts: "Q",
    place: "tools",
    description: "Full-screen QR code for the room",
  },
  { action: "smaller", eventKeys: ["-"], label: "Smaller text", key: "−", keys: ["−"], shortcuts: "-", place: "tools" },
  {
    action: "larger",
    eventKeys: ["+", "="],
    label: "Larger text",
    key: "+",
    keys: ["+"],
    shortcuts: "+",
    place: "tools",
  },
  { action: "help", eventKeys: ["?"], label: "Keys", key: "?", keys: ["?"], shortcuts: "Shift+?", place: "tools" },
];

/** KeyboardEvent.key → action, from the list above. */
export const workshopKeys: ReadonlyMap<string, WorkshopAction> = new Map(
  workshopActions.flatMap((item) => item.eventKeys.map((key) => [key, item.action] as const)),
);
