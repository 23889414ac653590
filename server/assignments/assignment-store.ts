import type { AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import type { AssignmentRecord, GradeRecord, OverrideRecord, SubmissionRecord } from '../../lib/protocol/assignments-http.ts';
import type { Db } from '../db.ts';





type AssignmentRow = { id: string; workshopId: string; spec: unknown; revision: number; referenceDesignId: string | null; releasedAt: Date | null; createdAt: Date };

function assignmentRecord(row: AssignmentRow): AssignmentRecord {
  return {
    id: row.id,
    workshopId: row.workshopId,
    // Written only through assignmentSpecSchema (assignment-service.ts), so read back as such.
    spec: row.spec as AssignmentSpec,
    revision: row.revision,
    referenceDesignId: row.referenceDesignId,
    releasedAt: row.releasedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

type GradeRow = {
  id: string; submissionId: string; revision: number; status: string; report: unknown; earned: number | null; penalty: number | null; total: number | null;
  error: string | null; createdAt: Date; finishedAt: Date | null;
  overrides: { id: string; testId: string | null; points: number; comment: string; byId: string; createdAt: Date }[];
};

function gradeRecord(row: GradeRow): GradeRecord {
  return {
    ...row,
    status: row.status as GradeRecord['status'],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    overrides: row.overrides.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
  };
}

const OLDEST_FIRST: [{ createdAt: 'asc' }, { id: 'asc' }] = [{ createdAt: 'asc' }, { id: 'asc' }];
const WITH_GRADES = { grades: { orderBy: OLDEST_FIRST, include: { overrides: { orderBy: OLDEST_FIRST } } } };

type SubmissionRow = Omit<SubmissionRecord, 'submittedAt' | 'replacedAt' | 'grades'> & { submittedAt: Date; replacedAt: Date | null; grades: GradeRow[] };

function submissionRecord(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    groupId: row.groupId,
    designId: row.designId,
    version: row.version,
    submittedBy: row.submittedBy,
    submittedByName: row.submittedByName,
    submittedAt: row.submittedAt.toISOString(),
    replacedAt: row.replacedAt?.toISOString() ?? null,
    grades: row.grades.map(gradeRecord),
  };
}

const SUBMISSION_FIELDS = {
  id: true, assignmentId: true, groupId: true, designId: true, version: true, submittedBy: true, submittedByName: true, submittedAt: true, replacedAt: true,
} satisfies Record<string, true>;

/** Assignments, submissions, grades and overrides in the database: the only place that reads or writes those rows. */
export class AssignmentStore {
  constructor(private readonly db: Db) {}

  async list(workshopId: string): Promise<AssignmentRecord[]> {
    const rows = await this.db.assignment.findMany({ where: { workshopId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(assignmentRecord);
  }

  /** The assignment when it belongs to this workshop; null otherwise. */
  async get(workshopId: string, id: string): Promise<AssignmentRecord | null> {
    const row = await this.db.assignment.findFirst({ where: { id, workshopId } });
    return row ? assignmentRecord(row) : null;
  }

  async create(workshopId: string, spec: AssignmentSpec, referenceDesignId: string | null): Promise<AssignmentRecord> {
    return assignmentRecord(await this.db.assignment.create({ data: { workshopId, spec: spec as object, referenceDesignId } }));
  }

  async update(id: string, spec: AssignmentSpec, revision: number, referenceDesignId: string | null): Promise<AssignmentRecord> {
    return assignmentRecord(await this.db.assignment.update({ where: { id }, data: { spec: spec as object, revision, referenceDesignId } }));
  }

  async release(id: string, at: Date): Promise<AssignmentRecord> {
    return assignmentRecord(await this.db.assignment.update({ where: { id }, data: { releasedAt: at } }));
  }

  /**
   * A group's new submission with its first (queued) grade; the group's
   * current one, if any, is marked replaced in the same transaction.
   */
  async addSubmission(
    data: { assignmentId: string; groupId: string; designId: string; version: number; snapshot: unknown; submittedBy: string; submittedByName: string; submittedAt: Date },
    revision: number,
  ): Promise<SubmissionRecord> {
    const { snapshot, ...rest } = data;
    const row = await this.db.$transaction(async (tx) => {
      await tx.submission.updateMany({ where: { assignmentId: data.assignmentId, groupId: data.groupId, replacedAt: null }, data: { replacedAt: data.submittedAt } });
      return tx.submission.create({
        data: { ...rest, snapshot: snapshot as object, grades: { create: { revision, status: 'queued' } } },
        select: { ...SUBMISSION_FIELDS, ...WITH_GRADES },
      });
    });
    return submissionRecord(row);
  }

  /** Every submission of the assignment (or of one group), oldest first, with all their grades. */
  async submissions(assignmentId: string, groupId?: string): Promise<SubmissionRecord[]> {
    const rows = await this.db.submission.findMany({
      where: { assignmentId, ...(groupId === undefined ? {} : { groupId }) },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      select: { ...SUBMISSION_FIELDS, ...WITH_GRADES },
    });
    return rows.map(submissionRecord);
  }

  async submission(assignmentId: string, id: string): Promise<SubmissionRecord | null> {
    const row = await this.db.submission.findFirst({ where: { id, assignmentId }, select: { ...SUBMISSION_FIELDS, ...WITH_GRADES } });
    return row ? submissionRecord(row) : null;
  }

  /** The frozen design document of a submission. */
  async snapshot(submissionId: string): Promise<unknown> {
    const row = await this.db.submission.findUnique({ where: { id: submissionId }, select: { snapshot: true } });
    return row?.snapshot ?? null;
  }

  async addGrade(submissionId: string, revision: number): Promise<GradeRecord> {
    return gradeRecord(await this.db.grade.create({ data: { submissionId, revision, status: 'queued' }, include: { overrides: true } }));
  }

  /** The grade, if it belongs to a submission of this assignment. */
  async grade(assignmentId: string, gradeId: string): Promise<GradeRecord | null> {
    const row = await this.db.grade.findFirst({ where: { id: gradeId, submission: { assignmentId } }, include: { overrides: true } });
    return row ? gradeRecord(row) : null;
  }

  async gradeStarted(gradeId: string): Promise<void> {
    await this.db.grade.updateMany({ where: { id: gradeId, status: 'queued' }, data: { status: 'running' } });
  }

  async gradeDone(gradeId: string, result: { report: unknown; earned: number; penalty: number; total: number }, at: Date): Promise<void> {
    await this.db.grade.update({ where: { id: gradeId }, data: { status: 'done', report: result.report as object, earned: result.earned, penalty: result.penalty, total: result.total, finishedAt: at } });
  }

  async gradeFailed(gradeId: string, error: string, at: Date): Promise<void> {
    await this.db.grade.update({ where: { id: gradeId }, data: { status: 'failed', error, finishedAt: at } });
  }

  /** The grade's submission and assignment, for finishing a grading. */
  async gradeContext(gradeId: string): Promise<{ grade: GradeRecord; submission: SubmissionRecord; assignment: AssignmentRecord } | null> {
    const row = await this.db.grade.findUnique({
      where: { id: gradeId },
      include: { overrides: true, submission: { select: { ...SUBMISSION_FIELDS, assignment: true } } },
    });
    if (!row) return null;
    const { submission, ...grade } = row;
    const { assignment, ...sub } = submission;
    return { grade: gradeRecord(grade), submission: submissionRecord({ ...sub, grades: [] }), assignment: assignmentRecord(assignment) };
  }

  async addOverride(gradeId: string, data: { testId: string | null; points: number; comment: string; byId: string }): Promise<OverrideRecord> {
    const row = await this.db.scoreOverride.create({ data: { gradeId, ...data } });
    return { ...row, createdAt: row.createdAt.toISOString() };
  }

  /** The workshop's groups with their members, for the gradebook and its CSV. */
  async groups(workshopId: string): Promise<{ id: string; number: number; name: string; designId: string; members: { personId: string; displayName: string }[] }[]> {
    return this.db.workshopGroup.findMany({
      where: { workshopId },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, name: true, designId: true, members: { orderBy: { joinedAt: 'asc' }, select: { personId: true, displayName: true } } },
    });
  }
}
