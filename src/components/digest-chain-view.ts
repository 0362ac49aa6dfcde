import type { DigestComputation } from "../sandbox/index.ts";
import { element } from "./dom.ts";

/**
 * The Digest computation's chain (RFC 7616 §3.4.1–§3.4.3): HA1, HA2 and the response, each hash
 * beside the text it hashes, named by the algorithm's hash (a -sess variant hashes with the same
 * function). The one view of the chain: the sandbox's log and the workshop's steps both show it.
 */
export function renderDigestChain(digest: DigestComputation, className?: string): HTMLOListElement {
  const { input, chain } = digest;
  const steps = element(
    "ol",
    undefined,
    className === undefined ? "lab-digest-chain" : `lab-digest-chain ${className}`,
  );
  const hash = input.algorithm.replace(/-sess$/i, "");
  for (const [name, text, result] of [
    ["HA1", chain.ha1Input, chain.ha1],
    ["HA2", chain.ha2Input, chain.ha2],
    ["response", chain.responseInput, chain.response],
  ] as const) {
    const step = element("li");
    step.dataset["step"] = name;
    const formula = element("code");
    formula.append(`${name} = ${hash}("`, element("span", text, "lab-hash-input"), `")`);
    step.append(formula, element("br"), element("code", `    = ${result}`, "lab-hash-output"));
    steps.append(step);
  }
  return steps;
}
