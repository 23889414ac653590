import { describe, expect, it } from 'vitest';
import { csvText, gradebookCsv } from './gradebook-csv.ts';

const tests = [
  { id: 'validates', name: 'It validates', points: 2 },
  { id: 'causal', name: 'Causal, masked "decoder"', points: 5 },
];

describe('gradebookCsv', () => {
  it('writes one row per participant with group, each test, the late penalty and the total', () => {
    const grade = { points: { validates: 2, causal: 2.5 }, latePenalty: 0.45, total: 4.05 };
    const csv = gradebookCsv({
      tests,
      rows: [
        { participant: 'Ada', group: 'Group 1', grade },
        { participant: 'Grace', group: 'Group 1', grade },
        { participant: 'Linus', group: 'Group 2', grade: null },
      ],
    });
    expect(csv).toBe(
      'participant,group,It validates (2),"Causal, masked ""decoder"" (5)",late penalty,total\r\n' +
        'Ada,Group 1,2,2.5,0.45,4.05\r\n' +
        'Grace,Group 1,2,2.5,0.45,4.05\r\n' +
        'Linus,Group 2,,,,\r\n',
    );
  });

  it('leaves a test not graded empty', () => {
    const csv = gradebookCsv({ tests, rows: [{ participant: 'Ada', group: 'G', grade: { points: { validates: 0 }, latePenalty: 0, total: 0 } }] });
    expect(csv.split('\r\n')[1]).toBe('Ada,G,0,,0,0');
  });

  it('neutralises formulas and quotes commas, quotes and line breaks', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-2')).toBe("'-2");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('Ada Lovelace')).toBe('Ada Lovelace');
    const csv = gradebookCsv({ tests: [], rows: [{ participant: '=cmd|calc', group: 'a,b', grade: null }] });
    expect(csv.split('\r\n')[1]).toBe(`'=cmd|calc,"a,b",,`);
  });
});
