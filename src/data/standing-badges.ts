/**
 * The badge a code's standing earns in the sidebar and the explorer. Standard codes get none: a
 * badge is a warning that the code is not an ordinary, current registration.
 */
export const standingBadgeVariants = {
  temporary: "caution",
  deprecated: "caution",
  unused: "danger",
  obsoleted: "danger",
  unofficial: "note",
} as const;

export type BadgedStanding = keyof typeof standingBadgeVariants;

/** The badge for a standing, or undefined for a standard code. */
export function standingBadge(
  standing: string,
): { text: BadgedStanding; variant: (typeof standingBadgeVariants)[BadgedStanding] } | undefined {
  if (!(standing in standingBadgeVariants)) return undefined;
  const text = standing as BadgedStanding;
  return { text, variant: standingBadgeVariants[text] };
}
