// The sandbox client's Client ID Metadata Document, a static file of the build (GitHub Pages serves
// it as application/json): its client_id is its own absolute URL, from SITE and BASE_PATH
// (src/site-config.ts). The sandbox's authorization server reads it (decisions/mcp-authorization.md).
import type { APIRoute } from "astro";
import { clientMetadataDocument } from "../../site-config.ts";

export const GET: APIRoute = ({ site }) =>
  new Response(
    `${JSON.stringify(clientMetadataDocument(site?.href ?? "http://localhost:4321", import.meta.env.BASE_URL), null, 2)}\n`,
    {
      headers: { "Content-Type": "application/json" },
    },
  );
