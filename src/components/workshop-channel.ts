/** What the projected lesson and its speaker view tell each other. */
export type WorkshopMessage =
  | { type: "step"; index: number }
  | { type: "run"; index: number }
  | { type: "reset" }
  | { type: "ran"; index: number; status: number; expected: number }
  | { type: "hello" }
  | { type: "here"; index: number };

const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isStatus = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;

/**
 * A message from another window, checked field by field: the channel is same-origin, but any page
 * of the origin may post to it, so anything malformed is dropped rather than trusted.
 */
export function parseWorkshopMessage(data: unknown): WorkshopMessage | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const message = data as Record<string, unknown>;
  switch (message["type"]) {
    case "step":
    case "run":
    case "here":
      return isIndex(message["index"]) ? { type: message["type"], index: message["index"] } : undefined;
    case "ran":
      return isIndex(message["index"]) && isStatus(message["status"]) && isStatus(message["expected"])
        ? { type: "ran", index: message["index"], status: message["status"], expected: message["expected"] }
        : undefined;
    case "reset":
    case "hello":
      return { type: message["type"] };
    default:
      return undefined;
  }
}

/** One window's end of a lesson's channel; `close` leaves it (the lesson left the page). */
export interface WorkshopChannel {
  post(message: WorkshopMessage): void;
  close(): void;
}

/**
 * The channel that keeps every window showing one lesson in step (a BroadcastChannel: same origin,
 * same browser, no server), named after the lesson's path.
 */
export function workshopChannel(lessonPath: string, onMessage: (message: WorkshopMessage) => void): WorkshopChannel {
  const channel = new BroadcastChannel(`lab-workshop:${lessonPath}`);
  channel.addEventListener("message", (event: MessageEvent<unknown>) => {
    const message = parseWorkshopMessage(event.data);
    if (message) onMessage(message);
  });
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
