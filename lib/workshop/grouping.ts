/** A group as grouping sees it: its id, number and how many participants it has. */
export interface GroupLoad {
  id: string;
  number: number;
  size: number;
}

/**
 * Where "n per group" puts the next participant: the lowest-numbered group
 * with room, or `{ newGroup: number }` when every group is full.
 */
export function autoGroupFor(groups: readonly GroupLoad[], perGroup: number): { groupId: string } | { newGroup: number } {
  const ordered = [...groups].sort((a, b) => a.number - b.number);
  const open = ordered.find((g) => g.size < perGroup);
  if (open) return { groupId: open.id };
  return { newGroup: nextGroupNumber(groups) };
}

/** The number the next group gets: one past the highest so far. */
export function nextGroupNumber(groups: readonly { number: number }[]): number {
  return groups.reduce((max, g) => Math.max(max, g.number), 0) + 1;
}

/** The groups "n per group" needs for `people` participants (at least one). */
export function groupsNeeded(people: number, perGroup: number): number {
  return Math.max(1, Math.ceil(people / Math.max(1, perGroup)));
}

/** A group's default name. */
export function groupName(number: number): string {
  return `Group ${number}`;
}
