import { describe, expect, it } from 'vitest';
import { autoGroupFor, groupsNeeded, nextGroupNumber } from './grouping.ts';

describe('n per group', () => {
  it('fills the lowest-numbered group with room first', () => {
    const groups = [
      { id: 'b', number: 2, size: 1 },
      { id: 'a', number: 1, size: 2 },
    ];
    expect(autoGroupFor(groups, 3)).toEqual({ groupId: 'a' });
    expect(autoGroupFor([{ id: 'a', number: 1, size: 3 }, groups[0]], 3)).toEqual({ groupId: 'b' });
  });

  it('opens a new group, numbered after the highest, when every group is full', () => {
    expect(autoGroupFor([], 2)).toEqual({ newGroup: 1 });
    expect(autoGroupFor([{ id: 'a', number: 1, size: 2 }, { id: 'c', number: 4, size: 2 }], 2)).toEqual({ newGroup: 5 });
  });

  it('seven people, three per group, end up as 3 + 3 + 1', () => {
    const groups: { id: string; number: number; size: number }[] = [];
    for (let i = 0; i < 7; i++) {
      const where = autoGroupFor(groups, 3);
      if ('groupId' in where) groups.find((g) => g.id === where.groupId)!.size++;
      else groups.push({ id: `g${where.newGroup}`, number: where.newGroup, size: 1 });
    }
    expect(groups.map((g) => g.size)).toEqual([3, 3, 1]);
    expect(groupsNeeded(7, 3)).toBe(3);
    expect(groupsNeeded(0, 3)).toBe(1);
    expect(nextGroupNumber(groups)).toBe(4);
  });
});
