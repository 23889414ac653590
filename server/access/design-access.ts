import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';
import { ROLE_OF_LINK, ROLES, strongerRole, type LinkRole, type Role } from '../../lib/protocol/access.ts';
import type { SharedDesignSummary, ShareLinkInfo, Visibility } from '../../lib/protocol/http.ts';

/** Who has which role on which design, and the share links that grant roles. */
export class DesignAccess {
  constructor(private readonly db: Db) {}

  /** The role `personId` has on a design, or null: no access (or no such design, which looks the same). */
  async roleOf(personId: string, designId: string): Promise<Role | null> {
    const design = await this.db.design.findUnique({
      where: { id: designId },
      select: { ownerId: true, visibility: true, members: { where: { personId }, select: { role: true } } },
    });
    if (!design) return null;
    if (design.ownerId === personId) return 'owner';
    const member = design.members[0]?.role;
    const memberRole = member && (ROLES as readonly string[]).includes(member) ? (member as Role) : null;
    const publicRole: Role | null = design.visibility === 'link-view' ? 'viewer' : null;
    if (memberRole && publicRole) return strongerRole(memberRole, publicRole);
    return memberRole ?? publicRole;
  }

  /** Designs owned by others on which `personId` is a member, most recently edited first. */
  async sharedWith(personId: string, limit = 200): Promise<SharedDesignSummary[]> {
    const rows = await this.db.designMember.findMany({
      where: { personId, design: { ownerId: { not: personId } } },
      include: { design: { select: { id: true, title: true, version: true, updatedAt: true } } },
      orderBy: { design: { updatedAt: 'desc' } },
      take: limit,
    });
    return rows.map((r) => ({
      id: r.design.id,
      title: r.design.title,
      version: r.design.version,
      updatedAt: r.design.updatedAt.toISOString(),
      role: r.role as SharedDesignSummary['role'],
    }));
  }

  async visibility(designId: string): Promise<Visibility> {
    const row = await this.db.design.findUnique({ where: { id: designId }, select: { visibility: true } });
    return row?.visibility === 'link-view' ? 'link-view' : 'private';
  }

  async setVisibility(designId: string, visibility: Visibility): Promise<void> {
    await this.db.design.update({ where: { id: designId }, data: { visibility } });
  }

  async createLink(designId: string, role: LinkRole, createdBy: string, expiresInHours?: number): Promise<ShareLinkInfo> {
    const row = await this.db.shareLink.create({
      data: {
        designId,
        role,
        createdBy,
        token: randomBytes(18).toString('base64url'),
        expiresAt: expiresInHours ? new Date(Date.now() + expiresInHours * 3600 * 1000) : null,
      },
    });
    return linkInfo({ ...row, _count: { members: 0 } });
  }

  /** The links of a design still in force, newest first. */
  async links(designId: string): Promise<ShareLinkInfo[]> {
    const rows = await this.db.shareLink.findMany({
      where: { designId, revokedAt: null },
      include: { _count: { select: { members: true } } },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(linkInfo);
  }

  /** Revokes a link and removes everyone who joined through it; false when the design has no such live link. */
  async revokeLink(designId: string, linkId: string): Promise<boolean> {
    const [revoked] = await this.db.$transaction([
      this.db.shareLink.updateMany({ where: { id: linkId, designId, revokedAt: null }, data: { revokedAt: new Date() } }),
      this.db.designMember.deleteMany({ where: { viaLinkId: linkId, designId } }),
    ]);
    return revoked.count === 1;
  }

  /**
   * Makes `personId` a member with the link's role (never lowering a role they
   * already have). Null when the link is unknown, revoked or expired.
   */
  async acceptLink(token: string, personId: string): Promise<{ designId: string; role: Role } | null> {
    if (token.length > 64) return null;
    const link = await this.db.shareLink.findUnique({ where: { token }, include: { design: { select: { ownerId: true } } } });
    if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= new Date())) return null;
    if (link.design.ownerId === personId) return { designId: link.designId, role: 'owner' };
    const granted = ROLE_OF_LINK[link.role as LinkRole];
    const existing = await this.db.designMember.findUnique({ where: { designId_personId: { designId: link.designId, personId } } });
    if (existing && strongerRole(existing.role as Role, granted) === existing.role) {
      return { designId: link.designId, role: existing.role as Role };
    }
    await this.db.designMember.upsert({
      where: { designId_personId: { designId: link.designId, personId } },
      create: { designId: link.designId, personId, role: granted, viaLinkId: link.id },
      update: { role: granted, viaLinkId: link.id },
    });
    return { designId: link.designId, role: granted };
  }

  /** A member added directly (tests, tools): a role without a link. */
  async addMember(designId: string, personId: string, role: Exclude<Role, 'owner'>): Promise<void> {
    await this.db.designMember.upsert({
      where: { designId_personId: { designId, personId } },
      create: { designId, personId, role },
      update: { role },
    });
  }
}

function linkInfo(row: {
  id: string;
  token: string;
  role: string;
  createdAt: Date;
  expiresAt: Date | null;
  _count: { members: number };
}): ShareLinkInfo {
  return {
    id: row.id,
    token: row.token,
    role: row.role as LinkRole,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    members: row._count.members,
  };
}
