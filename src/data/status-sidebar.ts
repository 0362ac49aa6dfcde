import { statusClassNames, statusClassOf, type StatusClass } from "./status-classes.ts";
import { standingBadge } from "./standing-badges.ts";
import { statusRegistry, unofficialCodes } from "./status-registry.ts";

export interface SidebarLink {
  label: string;
  link: string;
  badge?: { text: string; variant: "note" | "danger" | "caution" | "tip" | "success" | "default" };
}

export interface SidebarGroup {
  label: string;
  collapsed: boolean;
  items: SidebarLink[];
}

function statusLink(code: number, reasonPhrase: string, standing: string | undefined): SidebarLink {
  const badge = standing === undefined ? undefined : standingBadge(standing);
  return { label: `${code} ${reasonPhrase}`, link: `/status/${code}/`, ...(badge && { badge }) };
}

/**
 * The status part of the sidebar: one group per class of registered codes ("1xx Informational" …)
 * and one for the unofficial codes, in code order, labelled like "401 Unauthorized". Only codes
 * for which `hasPage` is true are listed, so the navigation never links a page that does not exist
 * yet; tests/unit/registry.test.ts reports registered codes that still lack a page.
 */
export function statusSidebar(hasPage: (code: number) => boolean): SidebarGroup[] {
  const byClass = new Map<StatusClass, SidebarLink[]>();
  for (const entry of statusRegistry.codes) {
    if (!hasPage(entry.code)) continue;
    const statusClass = statusClassOf(entry.code);
    byClass.set(statusClass, [
      ...(byClass.get(statusClass) ?? []),
      statusLink(entry.code, entry.reasonPhrase, entry.standing),
    ]);
  }
  const groups: SidebarGroup[] = [...byClass].map(([statusClass, items]) => ({
    label: `${statusClass} ${statusClassNames[statusClass]}`,
    collapsed: true,
    items,
  }));
  const unofficial = unofficialCodes
    .filter((entry) => hasPage(entry.code))
    // No "unofficial" badge on each: the group's name says it once.
    .map((entry) => statusLink(entry.code, entry.reasonPhrase, undefined));
  if (unofficial.length > 0) groups.push({ label: "Unofficial codes", collapsed: true, items: unofficial });
  return groups;
}
