/** The sandbox API's root for a site base path: `<base>api/` (../shared/DESIGN.md, Contracts). */
export function apiRoot(basePath: string): string {
  return `${basePath.endsWith("/") ? basePath : `${basePath}/`}api/`;
}
