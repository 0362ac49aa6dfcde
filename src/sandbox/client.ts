import { type Exchange, type HttpRequestRecord, type Result } from "../http/index.ts";
import {
  draftAuthorization,
  newClientMemory,
  rememberExchange,
  type ClientMemory,
  type DigestComputation,
} from "./answer-challenge.ts";
import { buildRequest, type RequestDraft } from "./build-request.ts";
import { followDraft, type FollowOptions, type FollowResult } from "./follow.ts";
import { performExchange, type ExchangeResult, type SandboxTransport } from "./transport.ts";

export type { FollowOptions, FollowOutcomeKind, FollowResult, FollowStep } from "./follow.ts";

/** A request sent exactly as built, and the Digest computation when the client answered a remembered challenge. */
export type SendResult = Result<{ exchange: Exchange; digest?: DigestComputation }>;

/**
 * The sandbox client: the one way anything sends to the sandbox (ARCHITECTURE.md, "The sandbox
 * client"). It holds the client memory (challenges per URL, nonce counts, the last Authorization
 * sent), answers challenges (answer-challenge.ts), and reports every response as the handler sent
 * it, 3xx included, with its fields.
 */
export interface SandboxClient {
  readonly transport: SandboxTransport;
  /** The site's base path; requests go to `<base>api/`. */
  readonly base: string;
  readonly origin: string;
  memory: ClientMemory;
  /** Forgets every challenge, nonce count and Authorization value (the log's "clear"). */
  forget(): void;
  /** Sends the draft exactly as built: Basic, Bearer or raw as typed; Digest answers the challenge remembered for the URL. */
  send(draft: RequestDraft): Promise<SendResult>;
  /** Sends a record again, byte for byte (the log's "send again"). */
  resend(record: HttpRequestRecord): Promise<ExchangeResult>;
  /** Sends the draft like a browser: answers 401 challenges (RFC 9110 §11.6.1) and follows redirects (§15.4). */
  follow(draft: RequestDraft, options?: FollowOptions): Promise<FollowResult>;
}

export function createSandboxClient(options: {
  transport: SandboxTransport;
  base: string;
  origin: string;
  memory?: ClientMemory;
}): SandboxClient {
  const { transport, base, origin } = options;
  let queue: Promise<unknown> = Promise.resolve();

  /** Sends one record, one at a time for the whole page, and remembers what the next request may need. */
  const exchange = (record: HttpRequestRecord): Promise<ExchangeResult> => {
    const sent = queue.then(async () => {
      const result = await performExchange(transport, record, origin);
      if (result.ok) rememberExchange(client.memory, result.exchange);
      return result;
    });
    queue = sent.catch(() => undefined);
    return sent;
  };

  const send = async (draft: RequestDraft): Promise<SendResult> => {
    const plain = buildRequest(draft, base, origin);
    if (!plain.ok) return plain;
    const authorization = await draftAuthorization(draft.auth, plain.record, client.memory);
    if (!authorization.ok) return authorization;
    const built = authorization.value === undefined ? plain : buildRequest(draft, base, origin, authorization.value);
    if (!built.ok) return built;
    const result = await exchange(built.record);
    if (!result.ok) return result;
    return authorization.digest === undefined
      ? { ok: true, exchange: result.exchange }
      : { ok: true, exchange: result.exchange, digest: authorization.digest };
  };

  const client: SandboxClient = {
    transport,
    base,
    origin,
    memory: options.memory ?? newClientMemory(),
    forget() {
      const { cnonce } = client.memory;
      client.memory = cnonce === undefined ? newClientMemory() : { ...newClientMemory(), cnonce };
    },
    send,
    resend: exchange,
    follow: (draft, followOptions) => followDraft(client, draft, followOptions),
  };
  return client;
}
