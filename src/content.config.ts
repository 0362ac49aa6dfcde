import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { docsLoader } from "@astrojs/starlight/loaders";
import { docsSchema } from "@astrojs/starlight/schema";
import { statusPageSchema } from "./content/status-schema.ts";

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  status: defineCollection({
    loader: glob({ pattern: "*.mdx", base: "./src/content/status" }),
    schema: statusPageSchema,
  }),
};
