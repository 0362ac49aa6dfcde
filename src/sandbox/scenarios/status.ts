import { sandboxResponse } from "./json-response.ts";
import { http } from "msw";
import { failure, type Result } from "../../http/index.ts";
import { statusResponse } from "./status-response.ts";

/** The codes of a `{codes}` segment with their weights, or a sentence saying why it cannot be used. */
type StatusChoice = Result<{ codes: Array<{ status: number; weight: number }> }>;

/**
 * Reads httpbin's `{codes}`: one code, or a comma-separated list of `code` or `code:weight` from
 * which one is picked at random by weight (weight 1 when absent). Codes are three digits from 100
 * to 599, the range RFC 9110 §15 defines (`status-code = 3DIGIT`, first digit 1–5).
 */
function parseCodes(segment: string): StatusChoice {
  const codes: Array<{ status: number; weight: number }> = [];
  for (const item of segment.split(",")) {
    const [code = "", weightText, extra] = item.trim().split(":");
    if (!/^[1-5][0-9]{2}$/.test(code)) {
      return failure(`"${code}" is not a status code: give three digits from 100 to 599 (RFC 9110 §15), such as 401.`);
    }
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (extra !== undefined || !Number.isFinite(weight) || weight < 0 || weightText === "") {
      return failure(`"${item.trim()}" is not code:weight with a weight of 0 or more, such as 500:3.`);
    }
    codes.push({ status: Number(code), weight });
  }
  if (!codes.some((entry) => entry.weight > 0))
    return failure("Every weight is 0, so no code can be picked; give at least one a weight above 0.");
  return { ok: true, codes };
}

/**
 * `status/{codes}` (as httpbin's, for any method): answers with the status asked for and the
 * header fields it needs (see status-response.ts). A segment that is not a code from 100 to 599
 * (or a weighted list of them) gets 400 with a sentence saying what to send instead.
 */
export function statusHandler(apiRoot: string, options: { random: () => number }) {
  return http.all(`${apiRoot}status/:codes`, ({ request, params }) => {
    const choice = parseCodes(String(params["codes"]));
    if (!choice.ok) {
      return sandboxResponse(`${choice.error.message}\n`, 400, { "Content-Type": "text/plain; charset=utf-8" });
    }
    const total = choice.codes.reduce((sum, entry) => sum + entry.weight, 0);
    let point = options.random() * total;
    let picked = choice.codes.filter((entry) => entry.weight > 0).at(-1)?.status ?? 200;
    for (const entry of choice.codes) {
      if (point < entry.weight) {
        picked = entry.status;
        break;
      }
      point -= entry.weight;
    }
    return statusResponse(picked, request.method, apiRoot, request.headers);
  });
}
