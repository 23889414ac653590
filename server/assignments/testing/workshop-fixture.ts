import type { DesignDocument } from '../../../lib/design/document.ts';
import type { Db } from '../../db.ts';
import type { DesignStore } from '../../design-store.ts';

export interface FixturePerson {
  id: string;
  name: string;
  colour: string;
}

export const person = (id: string, name: string): FixturePerson => ({ id, name, colour: '#345' });

/**
 * A workshop with groups and members written straight through Prisma, for
 * the assignment tests (the join flow is the workshops module's): each
 * group's design starts as `doc`.
 */
export async function seedWorkshop(
  db: Db,
  designs: DesignStore,
  instructor: FixturePerson,
  groups: { members: FixturePerson[]; doc: DesignDocument }[],
): Promise<{ workshopId: string; groups: { id: string; designId: string }[] }> {
  const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
  const workshop = await db.workshop.create({
    data: { title: 'Transformers, day 1', instructorId: instructor.id, joinCode: `W${suffix}`, joinToken: `t-${suffix}-${Date.now()}`, starter: { kind: 'blank' } },
  });
  await db.workshopMember.create({ data: { workshopId: workshop.id, personId: instructor.id, displayName: instructor.name, role: 'instructor' } });
  const made: { id: string; designId: string }[] = [];
  for (const [i, g] of groups.entries()) {
    const design = await designs.createFrom(instructor, { title: `Group ${i + 1}`, doc: g.doc });
    const group = await db.workshopGroup.create({ data: { workshopId: workshop.id, number: i + 1, name: `Group ${i + 1}`, designId: design.id } });
    for (const m of g.members) {
      await db.workshopMember.create({ data: { workshopId: workshop.id, personId: m.id, displayName: m.name, role: 'participant', groupId: group.id } });
    }
    made.push({ id: group.id, designId: design.id });
  }
  return { workshopId: workshop.id, groups: made };
}
