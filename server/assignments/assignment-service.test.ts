import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatDecoder } from '../../lib/grading/testing/graded-designs.ts';
import type { Db } from '../db.ts';
import { DesignStore } from '../design-store.ts';
import { WorkerPool } from '../jobs/index.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase } from '../test-database.ts';
import { AssignmentService } from './assignment-service.ts';
import { AssignmentStore } from './assignment-store.ts';
import { GradeJobs } from './grade-jobs.ts';
import { person, seedWorkshop } from './testing/workshop-fixture.ts';
import { HIDDEN_MARKERS, secretSpec } from './testing/secret-spec.ts';

const instructor = person('g_teacher0001', 'Prof. Vaswani');
const ada = person('g_ada00000001', 'Ada');
const bob = person('g_bob00000001', 'Bob');
const eve = person('g_eve00000001', 'Eve');

describe('assignments: submit, grade in the worker pool, regrade, override, release', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let designs: DesignStore;
  let jobs: WorkerPool;
  let grading: GradeJobs;
  let service: AssignmentService;
  const clock = new Date('2026-11-25T10:00:00Z');
  let workshopId: string;
  let groups: { id: string; designId: string }[];

  beforeAll(async () => {
    ({ db, dispose } = await createTestDatabase());
    designs = new DesignStore(db);
    jobs = await WorkerPool.start({ workers: 1 });
    const store = new AssignmentStore(db);
    grading = new GradeJobs(jobs, store, createLogger('silent'), () => clock);
    service = new AssignmentService(db, store, designs, grading, () => clock);
    ({ workshopId, groups } = await seedWorkshop(db, designs, instructor, [
      { members: [ada], doc: flatDecoder({ causal: true }) },
      { members: [bob], doc: flatDecoder({ causal: false }) },
    ]));
  });
  afterAll(async () => {
    await jobs.close();
    await dispose();
  });

  /** Waits until no grade of the assignment is queued or running. */
  async function gradingDone(assignmentId: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      await grading.settled();
      const open = await db.grade.count({ where: { submission: { assignmentId }, status: { in: ['queued', 'running'] } } });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('grading did not finish');
  }

  async function created(spec = secretSpec()) {
    const made = await service.create(workshopId, instructor, spec);
    if (!made.ok) throw new Error(made.message);
    return made.value;
  }

  it('lets only the instructor create and edit, and explains a bad spec', async () => {
    expect(await service.create(workshopId, ada, secretSpec())).toMatchObject({ ok: false, status: 403 });
    expect(await service.create(workshopId, eve, secretSpec())).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/join/) });
    expect(await service.create('nope', instructor, secretSpec())).toMatchObject({ ok: false, status: 404 });
    const bad = await service.create(workshopId, instructor, { ...secretSpec(), tests: [] });
    expect(bad).toMatchObject({ ok: false, status: 400, code: 'bad-spec', message: expect.stringMatching(/^tests: /) });

    const a = await created();
    expect(a.revision).toBe(1);
    const reworded = await service.update(workshopId, a.id, instructor, { ...a.spec, prompt: 'Clearer prompt.' });
    expect(reworded).toMatchObject({ ok: true, value: { revision: 1, spec: { prompt: 'Clearer prompt.' } } });
    const retested = await service.update(workshopId, a.id, instructor, { ...a.spec, tests: a.spec.tests.slice(0, 2) });
    expect(retested).toMatchObject({ ok: true, value: { revision: 2 } });
    expect(await service.update(workshopId, a.id, ada, a.spec)).toMatchObject({ ok: false, status: 403 });
  });

  it('grades a submission in the worker pool; the stored report holds the hidden test, the participant view does not until release', async () => {
    const a = await created();
    const submitted = await service.submit(workshopId, a.id, ada);
    expect(submitted).toMatchObject({ ok: true, value: { submittedByName: 'Ada', replacedAt: null, grade: { status: 'queued' } } });
    await gradingDone(a.id);

    const [stored] = await new AssignmentStore(db).submissions(a.id);
    const grade = stored.grades[0];
    expect(grade).toMatchObject({ status: 'done', revision: 1, earned: 12, penalty: 0, total: 12 });
    expect(JSON.stringify(grade.report)).toContain('Zebra causal probe');

    const before = await service.view(workshopId, a.id, ada);
    if (!before.ok || before.value.role !== 'participant') throw new Error('expected a participant view');
    const text = JSON.stringify(before.value);
    for (const marker of HIDDEN_MARKERS) expect(text).not.toContain(marker);
    expect(before.value.submissions[0].grade?.report?.results.map((r) => r.testId)).toEqual(['valid', 'one-attn']);
    expect(before.value.submissions[0].grade?.total).toBeNull();

    expect(await service.release(workshopId, a.id, ada)).toMatchObject({ ok: false, status: 403 });
    expect(await service.release(workshopId, a.id, instructor)).toMatchObject({ ok: true });
    const after = await service.view(workshopId, a.id, ada);
    if (!after.ok || after.value.role !== 'participant') throw new Error('expected a participant view');
    expect(JSON.stringify(after.value)).toContain('Zebra causal probe');
    expect(after.value.submissions[0].grade?.total).toBe(12);
  });

  it('a resubmission replaces the current one and keeps it in history; another group cannot see it', async () => {
    const a = await created();
    const first = await service.submit(workshopId, a.id, ada);
    const design = await designs.get(groups[0].designId);
    await designs.appendOp(groups[0].designId, design!.version, { type: 'renameDesign', title: 'Group 1, take 2' }, { ...design!.state, title: 'Group 1, take 2' }, ada);
    const second = await service.submit(workshopId, a.id, ada);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.version).toBe(first.value.version + 1);
    await gradingDone(a.id);

    const view = await service.view(workshopId, a.id, ada);
    if (!view.ok || view.value.role !== 'participant') throw new Error('expected a participant view');
    expect(view.value.submissions.map((s) => [s.id, s.replacedAt === null])).toEqual([[second.value.id, true], [first.value.id, false]]);
    const bobs = await service.view(workshopId, a.id, bob);
    expect(bobs.ok && bobs.value.role === 'participant' && bobs.value.submissions).toEqual([]);
    expect(await service.submit(workshopId, a.id, instructor)).toMatchObject({ ok: false, code: 'no-group' });
  });

  it('refuses a late submission when the policy says so, and takes a penalty per day otherwise', async () => {
    const refusing = await created(secretSpec({ deadline: '2026-11-24T10:00:00Z', latePolicy: { kind: 'refuse' } }));
    expect(await service.submit(workshopId, refusing.id, ada)).toMatchObject({ ok: false, status: 409, code: 'late-refused' });
    expect(await db.submission.count({ where: { assignmentId: refusing.id } })).toBe(0);

    // One day and a bit late: two started days at 10 % a day.
    const lenient = await created(secretSpec({ deadline: '2026-11-24T09:00:00Z' }));
    expect(await service.submit(workshopId, lenient.id, ada)).toMatchObject({ ok: true });
    await gradingDone(lenient.id);
    const [s] = await new AssignmentStore(db).submissions(lenient.id);
    expect(s.grades[0]).toMatchObject({ status: 'done', earned: 12, penalty: 2.4, total: 9.6 });
  });

  it('regrading after the tests change adds grades with the new revision and keeps the earlier ones; two gradings agree exactly', async () => {
    const a = await created();
    await service.submit(workshopId, a.id, ada);
    await service.submit(workshopId, a.id, bob);
    await gradingDone(a.id);
    expect(await service.regrade(workshopId, a.id, ada)).toMatchObject({ ok: false, status: 403 });

    const same = await service.regrade(workshopId, a.id, instructor);
    expect(same).toEqual({ ok: true, value: { queued: 2 } });
    await gradingDone(a.id);
    const twice = await new AssignmentStore(db).submissions(a.id);
    for (const s of twice) {
      expect(s.grades).toHaveLength(2);
      expect(s.grades[1].report).toEqual(s.grades[0].report);
      expect(s.grades[1].total).toBe(s.grades[0].total);
    }
    // Bob's decoder is not causal: the hidden test fails there.
    expect(twice.map((s) => s.grades[0].earned)).toEqual([12, 7]);

    const harder = { ...a.spec, tests: a.spec.tests.map((t) => (t.id === 'valid' ? { ...t, points: 8 } : t)) };
    expect(await service.update(workshopId, a.id, instructor, harder)).toMatchObject({ ok: true, value: { revision: 2 } });
    const bobs = twice.find((s) => s.groupId === groups[1].id)!;
    expect(await service.regrade(workshopId, a.id, instructor, bobs.id)).toEqual({ ok: true, value: { queued: 1 } });
    await gradingDone(a.id);
    const history = (await new AssignmentStore(db).submission(a.id, bobs.id))!.grades;
    expect(history.map((g) => [g.revision, g.earned])).toEqual([[1, 7], [1, 7], [2, 11]]);
  });

  it('overrides a test or the total with a comment, and the gradebook shows it', async () => {
    const a = await created();
    await service.submit(workshopId, a.id, bob);
    await gradingDone(a.id);
    const [s] = await new AssignmentStore(db).submissions(a.id);
    const gradeId = s.grades[0].id;
    expect(await service.override(workshopId, a.id, bob, { gradeId, testId: 'zebra-secret', points: 5, comment: 'mine' })).toMatchObject({ ok: false, status: 403 });
    expect(await service.override(workshopId, a.id, instructor, { gradeId, testId: 'nope', points: 1, comment: 'x' })).toMatchObject({ ok: false, code: 'bad-test' });
    expect(await service.override(workshopId, a.id, instructor, { gradeId, testId: 'valid', points: 40, comment: 'x' })).toMatchObject({ ok: false, code: 'bad-points' });
    expect(await service.override(workshopId, a.id, instructor, { gradeId, testId: 'zebra-secret', points: 4, comment: 'Masked by hand in the block.' })).toMatchObject({ ok: true });

    const book = await service.reports.gradebook(workshopId, a.id, instructor);
    if (!book.ok) throw new Error(book.message);
    const row = book.value.rows.find((r) => r.group.id === groups[1].id)!;
    expect(row.cells.find((c) => c.testId === 'zebra-secret')).toEqual({ testId: 'zebra-secret', graded: 0, override: { points: 4, comment: 'Masked by hand in the block.' }, points: 4 });
    expect(row.total).toBe(11);
    expect(book.value.rows.find((r) => r.group.id === groups[0].id)).toMatchObject({ submission: null, total: null });

    await service.override(workshopId, a.id, instructor, { gradeId, testId: null, points: 10, comment: 'Rounded down after the debrief.' });
    const again = await service.reports.gradebook(workshopId, a.id, instructor);
    expect(again.ok && again.value.rows.find((r) => r.group.id === groups[1].id)).toMatchObject({ total: 10, totalOverride: { points: 10, comment: 'Rounded down after the debrief.' } });
    expect(await service.reports.gradebook(workshopId, a.id, bob)).toMatchObject({ ok: false, status: 403 });
  });

  it("shows a submission's diff against the reference design and the group's contribution log, to the instructor only", async () => {
    const reference = await designs.createFrom(instructor, { title: 'Reference', doc: flatDecoder({ causal: true }) });
    expect(await service.create(workshopId, instructor, secretSpec(), 'no-such-design')).toMatchObject({ ok: false, code: 'bad-reference' });
    const made = await service.create(workshopId, instructor, secretSpec(), reference.id);
    if (!made.ok) throw new Error(made.message);
    const design = (await designs.get(groups[1].designId))!;
    await designs.appendOp(groups[1].designId, design.version, { type: 'renameDesign', title: 'Bob’s take' }, { ...design.state, title: 'Bob’s take' }, bob);
    const submitted = await service.submit(workshopId, made.value.id, bob);
    if (!submitted.ok) throw new Error(submitted.message);
    await gradingDone(made.value.id);

    expect(await service.reports.submissionDetail(workshopId, made.value.id, submitted.value.id, bob)).toMatchObject({ ok: false, status: 403 });
    const detail = await service.reports.submissionDetail(workshopId, made.value.id, submitted.value.id, instructor);
    if (!detail.ok) throw new Error(detail.message);
    expect(detail.value.diff).toMatchObject({ nodesAdded: [], nodesRemoved: [], nodesChanged: [{ submittedId: 'attn', params: [{ param: 'causal', before: true, after: false }] }] });
    // The group's room was made by the instructor (version 1), then renamed by Bob: workshop names, not guest names.
    expect(detail.value.contributions.members.map((m) => [m.authorName, m.total])).toEqual([
      ['Bob', 1],
      ['Prof. Vaswani', 1],
    ]);
  });
});
