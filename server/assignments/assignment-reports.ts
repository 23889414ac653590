import { parseDesignDocument } from '../../lib/design/parse.ts';
import { contributions, type Contributions, type OpLogRow } from '../../lib/grading/contributions.ts';
import { diffDesigns, type DesignDiff } from '../../lib/grading/design-diff.ts';
import { gradebookCsv } from '../../lib/grading/gradebook-csv.ts';
import type { Participant } from '../../lib/protocol/messages.ts';
import type { Db } from '../db.ts';
import type { DesignStore } from '../design-store.ts';
import type { AssignmentRecord, Gradebook, SubmissionRecord } from '../../lib/protocol/assignments-http.ts';
import type { AssignmentStore } from './assignment-store.ts';
import { buildGradebook } from './gradebook.ts';
import { refuse, type Outcome } from './outcome.ts';

/** The op log read for a contribution log, page by page, up to this many edits. */
const CONTRIBUTION_OPS_CAP = 50_000;
const OPS_PAGE = 1000;

/** Finds the assignment when the person is the workshop's instructor (AssignmentService.asInstructor). */
type AsInstructor = (workshopId: string, assignmentId: string, person: Participant) => Promise<Outcome<AssignmentRecord>>;

/** What the instructor reads about an assignment's submissions: the gradebook, its CSV, and one submission's diff and contribution log. */
export class AssignmentReports {
  constructor(
    private readonly db: Db,
    private readonly store: AssignmentStore,
    private readonly designs: DesignStore,
    private readonly asInstructor: AsInstructor,
  ) {}

  /** The gradebook (instructor only): groups × tests, overrides, late penalty, totals and history. */
  async gradebook(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<Gradebook>> {
    const assignment = await this.asInstructor(workshopId, assignmentId, person);
    if (!assignment.ok) return assignment;
    const [groups, submissions] = await Promise.all([this.store.groups(workshopId), this.store.submissions(assignmentId)]);
    return { ok: true, value: buildGradebook(assignment.value, groups, submissions) };
  }

  /** The gradebook as CSV (instructor only): one row per participant with their group's grade. */
  async gradebookCsv(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<{ title: string; csv: string }>> {
    const book = await this.gradebook(workshopId, assignmentId, person);
    if (!book.ok) return book;
    const ungrouped = await this.db.workshopMember.findMany({ where: { workshopId, role: 'participant', groupId: null }, orderBy: { joinedAt: 'asc' }, select: { displayName: true } });
    const rows = book.value.rows.flatMap((row) =>
      row.group.members.map((m) => ({
        participant: m.displayName,
        group: row.group.name,
        grade:
          row.total === null
            ? null
            : { points: Object.fromEntries(row.cells.map((c) => [c.testId, c.points])), latePenalty: row.penalty ?? 0, total: row.total },
      })),
    );
    for (const m of ungrouped) rows.push({ participant: m.displayName, group: '', grade: null });
    const csv = gradebookCsv({ tests: book.value.tests, rows });
    return { ok: true, value: { title: book.value.assignment.spec.title, csv } };
  }

  /**
   * One submission for the instructor: its diff against the assignment's
   * reference design (null when there is none) and the group's contribution
   * log up to the submitted version.
   */
  async submissionDetail(
    workshopId: string,
    assignmentId: string,
    submissionId: string,
    person: Participant,
  ): Promise<Outcome<{ submission: SubmissionRecord; diff: DesignDiff | null; contributions: Contributions }>> {
    const assignment = await this.asInstructor(workshopId, assignmentId, person);
    if (!assignment.ok) return assignment;
    const submission = await this.store.submission(assignmentId, submissionId);
    if (!submission) return refuse(404, 'not-found', 'This assignment has no such submission.');
    const snapshot = parseDesignDocument(await this.store.snapshot(submissionId));
    if (!snapshot.ok) return refuse(500, 'corrupt-snapshot', `The submitted design cannot be read: ${snapshot.message}`);
    const reference = assignment.value.referenceDesignId ? await this.designs.get(assignment.value.referenceDesignId) : null;
    // People go by their workshop names here, not the guest names their edits were made under.
    const members = await this.db.workshopMember.findMany({ where: { workshopId }, select: { personId: true, displayName: true } });
    const nameOf = new Map(members.map((m) => [m.personId, m.displayName]));
    const rows: OpLogRow[] = [];
    for (let after = 0; after < submission.version && rows.length < CONTRIBUTION_OPS_CAP; ) {
      const page = await this.designs.opsSince(submission.designId, after, OPS_PAGE, submission.version);
      if (page.length === 0) break;
      for (const o of page) rows.push({ author: o.author.id, authorName: nameOf.get(o.author.id) ?? o.author.name, createdAt: o.createdAt, op: o.op });
      after = page.at(-1)!.version;
    }
    return {
      ok: true,
      value: { submission, diff: reference ? diffDesigns(reference.state.doc, snapshot.doc) : null, contributions: contributions(rows) },
    };
  }
}
