import { assignmentSpecSchema, visibleSpec, type AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import { latePenalty } from '../../lib/grading/late-policy.ts';
import type { Participant } from '../../lib/protocol/messages.ts';
import type { AssignmentRecord, AssignmentView, OverrideRecord, OverrideRequest, ParticipantAssignment, ParticipantSubmission, SubmissionRecord } from '../../lib/protocol/assignments-http.ts';
import type { Db } from '../db.ts';
import type { DesignStore } from '../design-store.ts';
import { AssignmentReports } from './assignment-reports.ts';
import type { AssignmentStore } from './assignment-store.ts';
import type { GradeJobs } from './grade-jobs.ts';
import { refuse, type Outcome } from './outcome.ts';
import { participantSubmission } from './participant-view.ts';
import { workshopRole, type WorkshopRole } from './workshop-roles.ts';
import { issueMessage } from '../../lib/protocol/issue-message.ts';

export type { Outcome, Refusal } from './outcome.ts';

const NO_WORKSHOP = refuse(404, 'not-found', 'There is no such workshop.');
const NO_ASSIGNMENT = refuse(404, 'not-found', 'This workshop has no such assignment.');
const NOT_INSTRUCTOR = refuse(403, 'forbidden', 'Only the workshop’s instructor may do this.');
const NOT_MEMBER = refuse(403, 'forbidden', 'You are not in this workshop: join it first.');



/** What an assignment as a whole may be shown to someone as, by role. */
function shownTo(role: WorkshopRole, a: AssignmentRecord): AssignmentRecord | ParticipantAssignment {
  if (role.kind === 'instructor') return a;
  return { id: a.id, spec: a.releasedAt ? a.spec : visibleSpec(a.spec), releasedAt: a.releasedAt };
}

function specOutcome(raw: unknown): Outcome<AssignmentSpec> {
  const parsed = assignmentSpecSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return refuse(400, 'bad-spec', issueMessage(parsed.error));
}

/** The tests as they grade: what the spec says apart from the wording shown to people. */
const testsKey = (spec: AssignmentSpec) => JSON.stringify(spec.tests.map(({ name: _n, feedback: _f, ...grading }) => grading));

/**
 * Assignments of workshops: the rules of who may set, submit, grade,
 * override and release, over the store and the grading jobs.
 */
export class AssignmentService {
  /** The instructor's read-outs: gradebook, CSV, a submission's diff and contribution log. */
  readonly reports: AssignmentReports;

  constructor(
    private readonly db: Db,
    readonly store: AssignmentStore,
    private readonly designs: DesignStore,
    private readonly grading: GradeJobs,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reports = new AssignmentReports(db, store, designs, (w, a, p) => this.asInstructor(w, a, p));
  }

  private async role(workshopId: string, person: Participant): Promise<Outcome<WorkshopRole>> {
    const role = await workshopRole(this.db, workshopId, person.id);
    if (!role) return NO_WORKSHOP;
    if (role.kind === 'outsider') return NOT_MEMBER;
    return { ok: true, value: role };
  }

  /** The assignment when the person is the workshop's instructor. */
  async asInstructor(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<AssignmentRecord>> {
    const role = await this.role(workshopId, person);
    if (!role.ok) return role;
    if (role.value.kind !== 'instructor') return NOT_INSTRUCTOR;
    const assignment = await this.store.get(workshopId, assignmentId);
    return assignment ? { ok: true, value: assignment } : NO_ASSIGNMENT;
  }

  async list(workshopId: string, person: Participant): Promise<Outcome<(AssignmentRecord | ParticipantAssignment)[]>> {
    const role = await this.role(workshopId, person);
    if (!role.ok) return role;
    return { ok: true, value: (await this.store.list(workshopId)).map((a) => shownTo(role.value, a)) };
  }

  async create(workshopId: string, person: Participant, raw: unknown, referenceDesignId: string | null = null): Promise<Outcome<AssignmentRecord>> {
    const role = await this.role(workshopId, person);
    if (!role.ok) return role;
    if (role.value.kind !== 'instructor') return NOT_INSTRUCTOR;
    const spec = specOutcome(raw);
    if (!spec.ok) return spec;
    const reference = await this.checkReference(referenceDesignId);
    if (!reference.ok) return reference;
    return { ok: true, value: await this.store.create(workshopId, spec.value, referenceDesignId) };
  }

  /** Saves a new spec; a change to the tests themselves bumps the revision (earlier grades keep theirs). */
  async update(workshopId: string, assignmentId: string, person: Participant, raw: unknown, referenceDesignId?: string | null): Promise<Outcome<AssignmentRecord>> {
    const current = await this.asInstructor(workshopId, assignmentId, person);
    if (!current.ok) return current;
    const spec = specOutcome(raw);
    if (!spec.ok) return spec;
    const reference = referenceDesignId === undefined ? current.value.referenceDesignId : referenceDesignId;
    const checked = await this.checkReference(reference);
    if (!checked.ok) return checked;
    const revision = testsKey(spec.value) === testsKey(current.value.spec) ? current.value.revision : current.value.revision + 1;
    return { ok: true, value: await this.store.update(assignmentId, spec.value, revision, reference) };
  }

  private async checkReference(designId: string | null): Promise<Outcome<null>> {
    if (designId === null) return { ok: true, value: null };
    return (await this.designs.get(designId)) ? { ok: true, value: null } : refuse(400, 'bad-reference', 'The reference design does not exist.');
  }

  /** The assignment as this person may see it, with their group's submissions if they are a participant. */
  async view(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<AssignmentView>> {
    const role = await this.role(workshopId, person);
    if (!role.ok) return role;
    const assignment = await this.store.get(workshopId, assignmentId);
    if (!assignment) return NO_ASSIGNMENT;
    if (role.value.kind === 'instructor') return { ok: true, value: { role: 'instructor', assignment } };
    const groupId = role.value.kind === 'participant' ? role.value.groupId : null;
    const submissions = groupId ? await this.store.submissions(assignmentId, groupId) : [];
    const released = assignment.releasedAt !== null;
    return {
      ok: true,
      value: {
        role: 'participant',
        assignment: shownTo(role.value, assignment) as ParticipantAssignment,
        groupId,
        submissions: submissions.reverse().map((s) => participantSubmission(s, assignment.spec, released)),
      },
    };
  }

  /** A group member submits the group's design as it is now; the late policy may refuse it. */
  async submit(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<ParticipantSubmission>> {
    const role = await this.role(workshopId, person);
    if (!role.ok) return role;
    if (role.value.kind !== 'participant' || !role.value.groupId) return refuse(403, 'no-group', 'Only a member of a group can submit its design: join a group first.');
    const assignment = await this.store.get(workshopId, assignmentId);
    if (!assignment) return NO_ASSIGNMENT;
    const submittedAt = this.now();
    const late = latePenalty(assignment.spec.latePolicy, assignment.spec.deadline, submittedAt, 0);
    if (late.refused) return refuse(409, 'late-refused', 'The deadline has passed and this assignment takes no late submissions.');
    const group = await this.db.workshopGroup.findUnique({ where: { id: role.value.groupId }, select: { designId: true } });
    if (!group) return refuse(404, 'not-found', 'Your group no longer exists.');
    const design = await this.designs.get(group.designId);
    if (!design) return refuse(404, 'not-found', 'Your group’s design no longer exists.');
    const submission = await this.store.addSubmission(
      {
        assignmentId,
        groupId: role.value.groupId,
        designId: group.designId,
        version: design.version,
        snapshot: design.state.doc,
        submittedBy: person.id,
        submittedByName: role.value.displayName || person.name,
        submittedAt,
      },
      assignment.revision,
    );
    await this.grading.queue(submission.grades[0].id, assignment.spec, design.state.doc, submission.designId, person.id);
    const fresh = (await this.store.submission(assignmentId, submission.id)) ?? submission;
    return { ok: true, value: participantSubmission(fresh, assignment.spec, assignment.releasedAt !== null) };
  }

  /** Grades one submission, or every group's current one, again with the current tests; earlier grades stay. */
  async regrade(workshopId: string, assignmentId: string, person: Participant, submissionId?: string): Promise<Outcome<{ queued: number }>> {
    const assignment = await this.asInstructor(workshopId, assignmentId, person);
    if (!assignment.ok) return assignment;
    let targets: SubmissionRecord[];
    if (submissionId) {
      const one = await this.store.submission(assignmentId, submissionId);
      if (!one) return refuse(404, 'not-found', 'This assignment has no such submission.');
      targets = [one];
    } else {
      targets = (await this.store.submissions(assignmentId)).filter((s) => s.replacedAt === null);
    }
    for (const s of targets) {
      const grade = await this.store.addGrade(s.id, assignment.value.revision);
      await this.grading.queue(grade.id, assignment.value.spec, await this.store.snapshot(s.id), s.designId, person.id);
    }
    return { ok: true, value: { queued: targets.length } };
  }

  async override(workshopId: string, assignmentId: string, person: Participant, body: OverrideRequest): Promise<Outcome<OverrideRecord>> {
    const assignment = await this.asInstructor(workshopId, assignmentId, person);
    if (!assignment.ok) return assignment;
    const grade = await this.store.grade(assignmentId, body.gradeId);
    if (!grade) return refuse(404, 'not-found', 'This assignment has no such grade.');
    if (body.testId !== null) {
      const test = assignment.value.spec.tests.find((t) => t.id === body.testId);
      if (!test) return refuse(400, 'bad-test', `The assignment has no test "${body.testId}".`);
      if (body.points > test.points) return refuse(400, 'bad-points', `The test is worth at most ${test.points} points.`);
    }
    return { ok: true, value: await this.store.addOverride(grade.id, { testId: body.testId, points: body.points, comment: body.comment, byId: person.id }) };
  }

  async release(workshopId: string, assignmentId: string, person: Participant): Promise<Outcome<AssignmentRecord>> {
    const assignment = await this.asInstructor(workshopId, assignmentId, person);
    if (!assignment.ok) return assignment;
    if (assignment.value.releasedAt) return { ok: true, value: assignment.value };
    return { ok: true, value: await this.store.release(assignmentId, this.now()) };
  }
}
