import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { statusPageSchema } from "./content/status-schema.ts";
import { lessonSchema } from "./content/lesson-schema.ts";

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // UI strings: status pages have their own "Overview" section, so the top-of-page entry of the
  // table of contents gets another name.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  status: defineCollection({
    loader: glob({ pattern: "*.mdx", base: "./src/content/status" }),
    schema: statusPageSchema,
  }),
  lessons: defineCollection({
    loader: glob({ pattern: "*.md", base: "./src/content/lessons" }),
    schema: lessonSchema,
  }),
};
