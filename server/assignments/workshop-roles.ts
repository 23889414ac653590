import type { Db } from '../db.ts';

/** Who someone is in a workshop: its instructor, a participant (maybe in a group), or nobody there. */
export type WorkshopRole =
  | { kind: 'instructor'; workshopId: string }
  | { kind: 'participant'; workshopId: string; groupId: string | null; displayName: string }
  | { kind: 'outsider' };

/** Reads a person's role in a workshop: the workshop's `instructorId` decides who instructs, the member rows the rest. */
export async function workshopRole(db: Db, workshopId: string, personId: string): Promise<WorkshopRole | null> {
  const workshop = await db.workshop.findUnique({ where: { id: workshopId }, select: { id: true, instructorId: true } });
  if (!workshop) return null;
  if (workshop.instructorId === personId) return { kind: 'instructor', workshopId };
  const member = await db.workshopMember.findUnique({ where: { workshopId_personId: { workshopId, personId } } });
  if (!member || member.role !== 'participant') return { kind: 'outsider' };
  return { kind: 'participant', workshopId, groupId: member.groupId, displayName: member.displayName };
}
