import { describe, expect, it } from 'vitest';
import type { GradeReport, TestResult } from './grade-report.ts';
import { participantReport, participantReportSchema } from './participant-view.ts';

const visible: TestResult = { testId: 'validates', kind: 'validates', name: 'It validates', visibility: 'visible', points: 2, earned: 2, passed: true, feedback: 'Good.', detail: 'no errors (0 warnings)', measured: 0 };
const hidden: TestResult = {
  testId: 'secret-depth-probe',
  kind: 'node-count',
  name: 'Zebra layer census',
  visibility: 'hidden',
  points: 7.25,
  earned: 3.5,
  passed: false,
  feedback: 'Quokka feedback text',
  detail: '1 platypus-detail (at least 2 wanted)',
  measured: 1,
};
const report: GradeReport = { format: 'multihead-grade', version: 1, results: [visible, hidden], earned: 5.5, possible: 9.25 };

describe('participantReport', () => {
  it('before release, leaves hidden tests out entirely and totals the visible ones, saying it is partial', () => {
    const view = participantReport(report, false);
    expect(participantReportSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ released: false, partial: true, earned: 2, possible: 2, results: [visible] });
    expect(view.note).toMatch(/partial/);
    const text = JSON.stringify(view);
    for (const secret of ['secret-depth-probe', 'Zebra', 'Quokka', 'platypus', '7.25', '3.5', '5.5', '9.25', 'node-count', 'hidden']) {
      expect(text).not.toContain(secret);
    }
  });

  it('after release, shows everything with the full totals', () => {
    const view = participantReport(report, true);
    expect(view).toMatchObject({ released: true, partial: false, earned: 5.5, possible: 9.25, results: [visible, hidden] });
    expect(JSON.stringify(view)).toContain('Quokka feedback text');
  });

  it('does not share objects with the stored report', () => {
    const view = participantReport(report, true);
    view.results[0].earned = 0;
    expect(report.results[0].earned).toBe(2);
  });
});
