/**
 * HTTP/1.1 over a bare TCP socket, for tests that must control the bytes: several requests on one
 * connection, a client that stops half-way, a request sent while the server shuts down.
 */
import { connect, type Socket } from "node:net";

export interface RawResponse {
  statusLine: string;
  status: number;
  /** Field names lower-cased, values as sent; repeated fields in order. */
  fields: Array<[string, string]>;
  body: string;
}

export class RawConnection {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  #closed = false;
  #waiters: Array<() => void> = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    socket.on("close", () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on("error", () => {});
  }

  static open(port: number, host = "127.0.0.1"): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** Waits until `ready` holds, the connection closes, or `timeoutMs` passes. */
  async #until(ready: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready() && !this.#closed) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No complete response within ${timeoutMs} ms; got: ${JSON.stringify(this.#buffer.toString("latin1"))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  write(text: string | Buffer): void {
    this.socket.write(text);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Waits for the server to close the connection; resolves to how long that took. */
  async closedWithin(timeoutMs: number): Promise<number> {
    const started = Date.now();
    await this.#until(() => false, timeoutMs).catch(() => {});
    if (!this.#closed) throw new Error(`The server did not close the connection within ${timeoutMs} ms.`);
    return Date.now() - started;
  }

  /** Reads one response (Content-Length framing, or none for HEAD and bodiless statuses; else until close). */
  async response(options: { head?: boolean; timeoutMs?: number } = {}): Promise<RawResponse> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const headEnd = () => this.#buffer.indexOf("\r\n\r\n");
    await this.#until(() => headEnd() >= 0, timeoutMs);
    const end = headEnd();
    if (end < 0)
      throw new Error(`The connection closed before a response: ${JSON.stringify(this.#buffer.toString("latin1"))}`);
    const [statusLine = "", ...lines] = this.#buffer.subarray(0, end).toString("latin1").split("\r\n");
    const fields = lines.map((line): [string, string] => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    });
    const status = Number(statusLine.split(" ")[1]);
    const length = fields.find(([name]) => name === "content-length")?.[1];
    const bodiless = options.head === true || status === 204 || status === 304 || (status >= 100 && status < 200);
    let size: number;
    if (bodiless) size = 0;
    else if (length !== undefined) size = Number(length);
    else {
      await this.#until(() => false, timeoutMs).catch(() => {});
      size = this.#buffer.length - end - 4;
    }
    await this.#until(() => this.#buffer.length >= end + 4 + size, timeoutMs);
    const body = this.#buffer.subarray(end + 4, end + 4 + size).toString("utf8");
    this.#buffer = this.#buffer.subarray(end + 4 + size);
    return { statusLine, status, fields, body };
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The value of a field of a raw response (the first, if repeated). */
export function field(response: RawResponse, name: string): string | undefined {
  return response.fields.find(([fieldName]) => fieldName === name.toLowerCase())?.[1];
}
