// Short addresses: /<code>/ (and /<code>, which the static host redirects to it) lead to the
// code's page at /status/<code>/. GitHub Pages has no rewrites, so each is a small static page
// that refreshes to the real one (src/components/redirect-page.ts). Endpoints, not pages, so
// they stay out of the sitemap and the search index.
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { redirectPage } from "../../components/redirect-page.ts";
import { sitePath } from "../../site-config.ts";

export const getStaticPaths = (async () =>
  (await getCollection("status")).map(({ data }) => ({
    params: { code: String(data.code) },
    props: { title: `${data.code} ${data.reasonPhrase}` },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site }) => {
  const target = sitePath(import.meta.env.BASE_URL, `status/${params["code"]}/`);
  const canonical = new URL(target, site ?? "http://localhost:4321").href;
  return new Response(redirectPage(target, canonical, String(props["title"])), {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
};
