/** A request as the sandbox built it: header fields in order, repeated names kept. */
export type HttpRequestRecord = { method: string; url: string; headers: Array<[string, string]>; body?: string };

/** A response as it arrived: statusText may be "" (HTTP/2 has none; the transcript fills it in). */
export type HttpResponseRecord = { status: number; statusText: string; headers: Array<[string, string]>; body: string };

/** One request and its response: what the transcript, the sequence diagram and codegen are made from. */
export type Exchange = { request: HttpRequestRecord; response: HttpResponseRecord; durationMs?: number; note?: string };
