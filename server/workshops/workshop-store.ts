import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';
import type { DesignStore } from '../design-store.ts';
import type { DesignAccess } from '../access/design-access.ts';
import type { Participant } from '../../lib/protocol/messages.ts';
import type { DesignState } from '../../lib/design/design-state.ts';
import { emptyDesignDocument } from '../../lib/design/document.ts';
import { MAX_TITLE_LENGTH } from '../../lib/design/title.ts';
import { templateDocument } from '../../lib/design/templates/index.ts';
import { starterSchema, type Starter } from '../../lib/grading/assignment-spec.ts';
import { autoGroupFor, groupName, nextGroupNumber } from '../../lib/workshop/grouping.ts';
import { joinCodeFrom, normaliseJoinCode } from '../../lib/workshop/join-code.ts';
import type { CreateWorkshopRequest } from '../../lib/protocol/workshop-messages.ts';
import type { WorkshopRole } from '../../lib/workshop/controls.ts';
import { HelpQueue } from './help-queue.ts';
import type { WorkshopSummary, WorkshopView } from '../../lib/protocol/workshop-http.ts';

export type Outcome<T> = ({ ok: true } & T) | { ok: false; code: string; message: string };

export interface WorkshopGroupRow {
  id: string;
  number: number;
  name: string;
  designId: string;
}

const fail = (code: string, message: string) => ({ ok: false as const, code, message });

/**
 * Workshops in the database: creating one, joining it, its groups and their
 * designs (owned by the instructor, the group's participants editors), and
 * the live settings (freeze, timer, spotlight, help queue) that outlast a
 * restart. The only module that reads or writes the workshop rows.
 */
export class WorkshopStore {
  // Joins of one workshop are handled one at a time, so "n per group" never opens the same group twice.
  private readonly joinQueues = new Map<string, Promise<unknown>>();

  /** The help queue of every workshop. */
  readonly help: HelpQueue;

  constructor(
    private readonly db: Db,
    private readonly designs: DesignStore,
    private readonly access: Pick<DesignAccess, 'roleOf' | 'addMember'>,
    private readonly random: (size: number) => Uint8Array = randomBytes,
  ) {
    this.help = new HelpQueue(db);
  }

  /** A new workshop; with grouping "pick" its groups (and their designs) are made at once. */
  async create(instructor: Participant, req: CreateWorkshopRequest): Promise<Outcome<{ workshop: { id: string; joinCode: string; joinToken: string } }>> {
    const starter = await this.starterState(req.starter, instructor.id, req.title);
    if (!starter.ok) return starter;
    for (let attempt = 0; attempt < 5; attempt++) {
      const joinCode = joinCodeFrom(this.random(32));
      if (!joinCode) continue;
      const taken = await this.db.workshop.findUnique({ where: { joinCode }, select: { id: true } });
      if (taken) continue;
      const row = await this.db.workshop.create({
        data: {
          title: req.title,
          instructorId: instructor.id,
          joinCode,
          joinToken: Buffer.from(this.random(18)).toString('base64url'),
          starter: req.starter as object,
          grouping: req.grouping,
          groupSize: req.groupSize,
          members: { create: { personId: instructor.id, displayName: instructor.name, role: 'instructor' } },
        },
      });
      if (req.grouping === 'pick') await this.makeGroups(row.id, req.groupCount);
      return { ok: true, workshop: { id: row.id, joinCode: row.joinCode, joinToken: row.joinToken } };
    }
    return fail('no-code', 'Could not find a free join code: try again.');
  }

  /** Adds `count` groups, each with its own design from the starter. */
  async makeGroups(workshopId: string, count: number): Promise<WorkshopGroupRow[]> {
    const made: WorkshopGroupRow[] = [];
    for (let i = 0; i < count; i++) made.push(await this.newGroup(workshopId));
    return made;
  }

  /**
   * Someone joins by code or link with a display name. The instructor joining
   * their own workshop stays its instructor. With "n per group" a new
   * participant is placed in a group (and made an editor of its design).
   */
  async join(person: Participant, by: { code: string } | { token: string }, displayName: string): Promise<Outcome<{ workshopId: string; groupId: string | null }>> {
    const code = 'code' in by ? normaliseJoinCode(by.code) : null;
    if ('code' in by && !code) return fail('not-found', 'No workshop has this code.');
    const workshop = await this.db.workshop.findUnique({
      where: code ? { joinCode: code } : { joinToken: (by as { token: string }).token },
      select: { id: true, instructorId: true, grouping: true, groupSize: true, spotlightGroupId: true },
    });
    if (!workshop) return fail('not-found', code ? 'No workshop has this code.' : 'This join link is not valid.');
    return this.serialised(workshop.id, async () => {
      const existing = await this.db.workshopMember.findUnique({ where: { workshopId_personId: { workshopId: workshop.id, personId: person.id } } });
      if (existing) {
        if (existing.displayName !== displayName) await this.db.workshopMember.update({ where: { id: existing.id }, data: { displayName } });
        return { ok: true as const, workshopId: workshop.id, groupId: existing.groupId };
      }
      const member = await this.db.workshopMember.create({ data: { workshopId: workshop.id, personId: person.id, displayName, role: 'participant' } });
      let groupId: string | null = null;
      if (workshop.grouping === 'auto') {
        const groups = await this.groupLoads(workshop.id);
        const where = autoGroupFor(groups, workshop.groupSize);
        groupId = 'groupId' in where ? where.groupId : (await this.newGroup(workshop.id)).id;
        await this.placeIn(member.id, person.id, groupId);
      }
      // The spotlight is visible to everyone in the workshop, late joiners too.
      if (workshop.spotlightGroupId) await this.grantSpotlight(workshop.id, workshop.spotlightGroupId);
      return { ok: true as const, workshopId: workshop.id, groupId };
    });
  }

  /** A participant chooses a group (grouping "pick"); leaving the old group's design. */
  async pickGroup(workshopId: string, personId: string, groupId: string): Promise<Outcome<{ groupId: string }>> {
    const [workshop, member, group] = await Promise.all([
      this.db.workshop.findUnique({ where: { id: workshopId }, select: { grouping: true } }),
      this.db.workshopMember.findUnique({ where: { workshopId_personId: { workshopId, personId } } }),
      this.db.workshopGroup.findFirst({ where: { id: groupId, workshopId }, select: { id: true } }),
    ]);
    if (!workshop || !member) return fail('not-found', 'No workshop has this id.');
    if (member.role !== 'participant') return fail('forbidden', 'Only participants join groups.');
    if (workshop.grouping !== 'pick') return fail('forbidden', 'In this workshop the groups are made for you.');
    if (!group) return fail('not-found', 'This workshop has no such group.');
    if (member.groupId === groupId) return { ok: true, groupId };
    if (member.groupId) {
      const old = await this.db.workshopGroup.findUnique({ where: { id: member.groupId }, select: { designId: true } });
      if (old) await this.db.designMember.deleteMany({ where: { designId: old.designId, personId, role: 'editor' } });
    }
    await this.placeIn(member.id, personId, groupId);
    return { ok: true, groupId };
  }

  /** The workshops someone runs or takes part in, newest first. */
  async listMine(personId: string): Promise<WorkshopSummary[]> {
    const rows = await this.db.workshopMember.findMany({
      where: { personId },
      include: { workshop: { select: { id: true, title: true, createdAt: true } } },
      orderBy: { workshop: { createdAt: 'desc' } },
      take: 100,
    });
    return rows.map((r) => ({ id: r.workshop.id, title: r.workshop.title, role: r.role as WorkshopRole, createdAt: r.workshop.createdAt.toISOString() }));
  }

  /** Someone's place in a workshop, or null when they are not in it (or it does not exist). */
  async memberOf(workshopId: string, personId: string): Promise<{ role: WorkshopRole; groupId: string | null; displayName: string } | null> {
    const m = await this.db.workshopMember.findUnique({ where: { workshopId_personId: { workshopId, personId } } });
    return m ? { role: m.role as WorkshopRole, groupId: m.groupId, displayName: m.displayName } : null;
  }

  /** The workshop a group design belongs to, or null for any other design. */
  async workshopOfDesign(designId: string): Promise<string | null> {
    const g = await this.db.workshopGroup.findUnique({ where: { designId }, select: { workshopId: true } });
    return g?.workshopId ?? null;
  }

  /** The workshop as `personId` may see it; null when they are not in it. Only the instructor sees the join code and link. */
  async view(workshopId: string, personId: string): Promise<WorkshopView | null> {
    const w = await this.db.workshop.findUnique({
      where: { id: workshopId },
      include: { groups: { orderBy: { number: 'asc' }, include: { members: { select: { displayName: true }, orderBy: { joinedAt: 'asc' } } } } },
    });
    const me = w ? await this.memberOf(workshopId, personId) : null;
    if (!w || !me) return null;
    const instructor = me.role === 'instructor';
    const starter = starterSchema.safeParse(w.starter);
    return {
      id: w.id,
      title: w.title,
      grouping: w.grouping === 'pick' ? 'pick' : 'auto',
      groupSize: w.groupSize,
      starter: starter.success ? starter.data : { kind: 'blank' },
      joinCode: instructor ? w.joinCode : null,
      joinToken: instructor ? w.joinToken : null,
      you: me,
      groups: w.groups.map((g) => ({ id: g.id, number: g.number, name: g.name, designId: g.designId, members: g.members.map((m) => m.displayName) })),
    };
  }

  async groups(workshopId: string): Promise<Array<WorkshopGroupRow & { members: string[] }>> {
    const rows = await this.db.workshopGroup.findMany({
      where: { workshopId },
      orderBy: { number: 'asc' },
      include: { members: { select: { displayName: true }, orderBy: { joinedAt: 'asc' } } },
    });
    return rows.map((g) => ({ id: g.id, number: g.number, name: g.name, designId: g.designId, members: g.members.map((m) => m.displayName) }));
  }

  /** Each member's display name, by person id. */
  async displayNames(workshopId: string): Promise<Map<string, string>> {
    const rows = await this.db.workshopMember.findMany({ where: { workshopId }, select: { personId: true, displayName: true } });
    return new Map(rows.map((r) => [r.personId, r.displayName]));
  }

  /** Each member's group, by person id. */
  async memberGroups(workshopId: string): Promise<Map<string, string | null>> {
    const rows = await this.db.workshopMember.findMany({ where: { workshopId }, select: { personId: true, groupId: true } });
    return new Map(rows.map((r) => [r.personId, r.groupId]));
  }

  async settings(workshopId: string) {
    return this.db.workshop.findUnique({
      where: { id: workshopId },
      select: { id: true, title: true, instructorId: true, frozen: true, timerEndsAt: true, timerLabel: true, spotlightGroupId: true },
    });
  }

  async setFrozen(workshopId: string, frozen: boolean): Promise<void> {
    await this.db.workshop.update({ where: { id: workshopId }, data: { frozen } });
  }

  async setTimer(workshopId: string, timer: { endsAt: Date; label: string } | null): Promise<void> {
    await this.db.workshop.update({ where: { id: workshopId }, data: { timerEndsAt: timer?.endsAt ?? null, timerLabel: timer?.label ?? null } });
  }

  /** Shows one group's design to everyone (null ends it); returns the design ids whose viewers changed. */
  async setSpotlight(workshopId: string, groupId: string | null): Promise<Outcome<{ changed: string[] }>> {
    const w = await this.db.workshop.findUnique({ where: { id: workshopId }, select: { spotlightGroupId: true } });
    if (!w) return fail('not-found', 'No workshop has this id.');
    if (groupId) {
      const group = await this.db.workshopGroup.findFirst({ where: { id: groupId, workshopId }, select: { id: true } });
      if (!group) return fail('not-found', 'This workshop has no such group.');
    }
    const changed: string[] = [];
    if (w.spotlightGroupId && w.spotlightGroupId !== groupId) {
      const old = await this.revokeSpotlight(workshopId, w.spotlightGroupId);
      if (old) changed.push(old);
    }
    await this.db.workshop.update({ where: { id: workshopId }, data: { spotlightGroupId: groupId } });
    if (groupId) await this.grantSpotlight(workshopId, groupId);
    return { ok: true, changed };
  }

  /** The group designs of every frozen workshop (read once at start). */
  async frozenDesigns(): Promise<Map<string, string>> {
    const rows = await this.db.workshopGroup.findMany({ where: { workshop: { frozen: true } }, select: { designId: true, workshopId: true } });
    return new Map(rows.map((r) => [r.designId, r.workshopId]));
  }

  /** What a starter holds, checked: a template must exist, a design must be one the instructor may read. */
  async starterState(starter: Starter, instructorId: string, title: string): Promise<Outcome<{ state: DesignState }>> {
    const name = title.slice(0, MAX_TITLE_LENGTH);
    if (starter.kind === 'blank') return { ok: true, state: { title: name, doc: emptyDesignDocument() } };
    if (starter.kind === 'template') {
      const t = templateDocument(starter.template);
      return t.ok ? { ok: true, state: { title: name, doc: t.doc } } : fail('unknown-template', t.message);
    }
    const role = await this.access.roleOf(instructorId, starter.designId);
    const design = role ? await this.designs.get(starter.designId) : null;
    if (!design) return fail('not-found', 'The starter design does not exist or you may not read it.');
    return { ok: true, state: { title: name, doc: design.state.doc } };
  }

  private async newGroup(workshopId: string): Promise<WorkshopGroupRow> {
    const w = await this.db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { title: true, instructorId: true, starter: true, members: { where: { role: 'instructor' }, select: { displayName: true } } } });
    const number = nextGroupNumber(await this.db.workshopGroup.findMany({ where: { workshopId }, select: { number: true } }));
    const name = groupName(number);
    const parsed = starterSchema.safeParse(w.starter);
    const state = await this.starterState(parsed.success ? parsed.data : { kind: 'blank' }, w.instructorId, `${w.title.slice(0, 100)} · ${name}`);
    const initial = state.ok ? state.state : { title: name, doc: emptyDesignDocument() };
    const design = await this.designs.createFrom({ id: w.instructorId, name: w.members[0]?.displayName ?? 'Instructor' }, initial);
    const group = await this.db.workshopGroup.create({ data: { workshopId, number, name, designId: design.id } });
    return { id: group.id, number, name, designId: design.id };
  }

  private async placeIn(memberId: string, personId: string, groupId: string): Promise<void> {
    const group = await this.db.workshopGroup.findUniqueOrThrow({ where: { id: groupId }, select: { designId: true } });
    await this.db.workshopMember.update({ where: { id: memberId }, data: { groupId } });
    await this.access.addMember(group.designId, personId, 'editor');
  }

  private async groupLoads(workshopId: string) {
    const rows = await this.db.workshopGroup.findMany({ where: { workshopId }, select: { id: true, number: true, _count: { select: { members: true } } } });
    return rows.map((r) => ({ id: r.id, number: r.number, size: r._count.members }));
  }

  /** Every participant without a role on the spotlit design may view it while the spotlight lasts. */
  private async grantSpotlight(workshopId: string, groupId: string): Promise<void> {
    const group = await this.db.workshopGroup.findUnique({ where: { id: groupId }, select: { designId: true } });
    if (!group) return;
    const people = await this.db.workshopMember.findMany({ where: { workshopId, role: 'participant' }, select: { personId: true } });
    const members = await this.db.designMember.findMany({ where: { designId: group.designId }, select: { personId: true } });
    const already = new Set(members.map((m) => m.personId));
    const missing = people.filter((p) => !already.has(p.personId));
    if (missing.length > 0) await this.db.designMember.createMany({ data: missing.map((p) => ({ designId: group.designId, personId: p.personId, role: 'viewer' })) });
  }

  /** The viewers the spotlight added lose their view; returns the design. */
  private async revokeSpotlight(workshopId: string, groupId: string): Promise<string | null> {
    const group = await this.db.workshopGroup.findUnique({ where: { id: groupId }, select: { designId: true } });
    if (!group) return null;
    const people = await this.db.workshopMember.findMany({ where: { workshopId, role: 'participant' }, select: { personId: true } });
    await this.db.designMember.deleteMany({
      where: { designId: group.designId, role: 'viewer', viaLinkId: null, personId: { in: people.map((p) => p.personId) } },
    });
    return group.designId;
  }

  private serialised<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.joinQueues.get(workshopId) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.joinQueues.set(workshopId, tail);
    void tail.then(() => this.joinQueues.get(workshopId) === tail && this.joinQueues.delete(workshopId));
    return run;
  }
}
