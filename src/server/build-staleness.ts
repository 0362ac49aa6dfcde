/** What `npm start` writes into the build directory after a successful build. */
export interface BuildMarker {
  /** The BASE_PATH the build was made for: a build for "/" does not work under "/lab/". */
  basePath: string;
  /** The SITE the build was made for (canonical links, sitemap). */
  site: string;
  /** When the build started, in ms since the epoch: a source saved during the build is newer. */
  startedAtMs: number;
}

/** The newest file among the build's inputs (src/, examples/, public/, astro.config.mjs, package-lock.json). */
export interface NewestInput {
  path: string;
  mtimeMs: number;
}

/**
 * Why the build in the output directory cannot be served as it is, or undefined when it can:
 * it is missing (no marker: never built by `npm start`, or emptied by another build), it was made
 * for another base path or site, or an input changed after it started.
 */
export function buildStaleness(
  marker: BuildMarker | undefined,
  newestInput: NewestInput | undefined,
  wanted: { basePath: string; site: string },
): string | undefined {
  if (marker === undefined) return "there is no complete build yet";
  if (marker.basePath !== wanted.basePath) {
    return `the build is for BASE_PATH ${marker.basePath}, not ${wanted.basePath}`;
  }
  if (marker.site !== wanted.site) return `the build is for SITE ${marker.site}, not ${wanted.site}`;
  if (newestInput !== undefined && newestInput.mtimeMs > marker.startedAtMs) {
    return `${newestInput.path} changed after the last build`;
  }
  return undefined;
}
