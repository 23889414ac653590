import type { Db } from '../db.ts';
import type { HelpRequestInfo } from '../../lib/protocol/workshop-messages.ts';

/** A workshop's help queue: groups raise a hand with a note, the instructor answers them in order. */
export class HelpQueue {
  constructor(private readonly db: Db) {}

  /** A group asks for help; one open request per group (raising again updates its note). Returns the request's id. */
  async raise(workshopId: string, member: { groupId: string; displayName: string }, note: string): Promise<string> {
    const open = await this.db.helpRequest.findFirst({ where: { workshopId, groupId: member.groupId, answeredAt: null } });
    if (open) {
      await this.db.helpRequest.update({ where: { id: open.id }, data: { note, raisedBy: member.displayName } });
      return open.id;
    }
    const row = await this.db.helpRequest.create({ data: { workshopId, groupId: member.groupId, note, raisedBy: member.displayName } });
    return row.id;
  }

  /** Marks a request answered; false when the workshop has no such open request. */
  async answer(workshopId: string, requestId: string): Promise<boolean> {
    const done = await this.db.helpRequest.updateMany({ where: { id: requestId, workshopId, answeredAt: null }, data: { answeredAt: new Date() } });
    return done.count === 1;
  }

  /** The open requests, oldest first. */
  async open(workshopId: string): Promise<HelpRequestInfo[]> {
    const rows = await this.db.helpRequest.findMany({
      where: { workshopId, answeredAt: null },
      orderBy: { raisedAt: 'asc' },
      include: { group: { select: { name: true, designId: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      groupId: r.groupId,
      groupName: r.group.name,
      designId: r.group.designId,
      note: r.note,
      raisedBy: r.raisedBy,
      raisedAt: r.raisedAt.toISOString(),
    }));
  }
}
