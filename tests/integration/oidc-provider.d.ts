/**
 * The part of oidc-provider's API the probe's real-server test uses (the package ships no types):
 * a provider for an issuer, and its request handler for node:http.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
