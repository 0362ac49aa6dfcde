import { statusClassNames, statusClassOf, type StatusClass } from "./status-classes.ts";
import { standingBadge } from "./standing-badges.ts";
import { statusKeywords } from "./status-keywords.ts";
import { registeredCode, unofficialCodes } from "./status-registry.ts";

/** What the explorer needs from a status page's front matter. */
export interface ExplorerPage {
  code: number;
  reasonPhrase: string;
  standing: string;
  summary: string;
}

export interface ExplorerEntry extends ExplorerPage {
  badge: ReturnType<typeof standingBadge>;
  /** Everything the filter box matches words against, lower-cased. */
  filterText: string;
}

export interface ExplorerGroup {
  statusClass: StatusClass;
  /** For example "3xx Redirection". */
  title: string;
  entries: ExplorerEntry[];
}

/**
 * The explorer's list: the pages that exist, grouped by class in code order, each with its badge
 * and the text the filter matches (including the older names a reader may search for, such as
 * "Payload Too Large" for 413, the words people type for it (status-keywords.ts), and the product
 * behind an unofficial code).
 */
export function explorerGroups(pages: readonly ExplorerPage[]): ExplorerGroup[] {
  const groups = new Map<StatusClass, ExplorerEntry[]>();
  for (const page of [...pages].sort((a, b) => a.code - b.code)) {
    const otherNames = registeredCode(page.code)?.otherNames ?? [];
    const usedBy = unofficialCodes.find((entry) => entry.code === page.code)?.usedBy ?? "";
    const keywords = statusKeywords[page.code] ?? [];
    const filterText = [page.code, page.reasonPhrase, ...otherNames, ...keywords, usedBy, page.standing, page.summary]
      .join(" ")
      .toLowerCase();
    const statusClass = statusClassOf(page.code);
    groups.set(statusClass, [
      ...(groups.get(statusClass) ?? []),
      { ...page, badge: standingBadge(page.standing), filterText },
    ]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([statusClass, entries]) => ({
      statusClass,
      title: `${statusClass} ${statusClassNames[statusClass]}`,
      entries,
    }));
}
