import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateDocument } from '../../lib/design/index.ts';
import { assignmentSpecSchema } from '../../lib/grading/assignment-spec.ts';
import { gradeReportSchema } from '../../lib/grading/grade.ts';
import { main } from './main.ts';
import { captureIo } from './testing.ts';

const EXAMPLE = 'lib/grading/examples/decoder-language-model.assignment.json';

function designText(name: string, edit?: (doc: ReturnType<typeof document>) => void): string {
  const doc = document(name);
  edit?.(doc);
  return JSON.stringify(doc);
}

function document(name: string) {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

async function cli(argv: string[], files: Record<string, string>) {
  const io = captureIo(files);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const structural = (tests: object[]) =>
  JSON.stringify({ format: 'multihead-assignment', version: 1, title: 'Masks', prompt: '', deadline: null, latePolicy: { kind: 'refuse' }, starter: { kind: 'blank' }, tests });
const causalTest = { id: 'causal', name: 'Causal decoder', kind: 'causal-decoder-attention', points: 3, visibility: 'visible', feedback: { pass: 'Masked.', fail: 'Mask it.' } };

describe('grade', () => {
  it('grades the example assignment: each test with points, pass or fail, detail and feedback, the total, and training progress on stderr', async () => {
    const { code, out, err } = await cli(['grade', EXAMPLE, 'lm.json'], { 'lm.json': designText('tiny-decoder-language-model') });
    expect(code).toBe(0);
    expect(out).toContain("lm.json graded against 'A tiny decoder-only language model'");
    expect(out).toMatch(/^✓ pass {2}Decoder self-attention is causal {2}3\/3\n {8}1 of 1 decoder self-attention causally masked\n {8}No position can read the token it must predict\.$/m);
    expect(out).toMatch(/^✓ pass {2}Under 100,000 parameters \(hidden\) {2}1\/1\n {8}44,160 parameters \(at most 100,000 wanted\)$/m);
    expect(out).toMatch(/^◐ part {2}Learns the character language model \(hidden\) {2}[\d.]+\/4\n {8}held-out loss \d\.\d{3} after 40 steps \(full points at ≤ 2\.500, none at ≥ 4\)$/m);
    expect(out).toMatch(/^Total: 1\d\.\d+\/14 \(6 of 7 tests passed\)$/m);
    expect(err).toContain("training test 'learns': step 4/40\n");
    expect(err).toContain("training test 'learns': step 40/40\n");
  });

  it('--json prints the grade report, the same on every run', async () => {
    const files = { 'lm.json': designText('tiny-decoder-language-model') };
    const first = await cli(['grade', EXAMPLE, 'lm.json', '--json'], files);
    expect(first.code).toBe(0);
    const report = gradeReportSchema.parse(JSON.parse(first.out));
    expect(report.results.map((r) => r.testId)).toEqual(['validates', 'causal', 'concat-heads', 'pre-ln', 'depth', 'size', 'learns']);
    expect(report.possible).toBe(14);
    expect((await cli(['grade', EXAMPLE, 'lm.json', '--json'], files)).out).toBe(first.out);
  });

  it('exits 0 with a failing grade: the score is the report, not an error', async () => {
    const files = {
      'a.json': structural([causalTest]),
      'd.json': designText('tiny-decoder-language-model', (doc) => {
        doc.nodes.find((n) => n.id === 'decoder.selfAttn')!.params.causal = false;
      }),
    };
    const { code, out } = await cli(['grade', 'a.json', 'd.json'], files);
    expect(code).toBe(0);
    expect(out).toContain("✗ fail  Causal decoder  0/3\n        0 of 1 decoder self-attention causally masked; without a mask: 'decoder.selfAttn'\n        Mask it.\n");
    expect(out).toMatch(/Total: 0\/3 \(0 of 1 tests passed\)\n$/);
  });

  it('refuses an assignment that fails the schema, with each problem\'s path and message', async () => {
    const bad = structural([{ ...causalTest, points: 0 }, { ...causalTest, id: 'Bad Id', kind: 'node-count', nodeType: 'add' }]);
    const { code, out, err } = await cli(['grade', 'a.json', 'd.json'], { 'a.json': bad, 'd.json': designText('tiny-transformer') });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('a.json: not a valid assignment');
    expect(err).toMatch(/^ {2}tests\[0\]\.points: Too small: expected number to be >0$/m);
    expect(err).toMatch(/^ {2}tests\[1\]\.id: a test id is 1–40 lower-case letters, digits or dashes$/m);
    expect(err).toMatch(/^ {2}tests\[1\]: give at least one of min and max$/m);
  });

  it('refuses unreadable files, bad JSON and a bad design, naming the file', async () => {
    const design = designText('tiny-transformer');
    const missing = await cli(['grade', 'nowhere/a.json', 'd.json'], { 'd.json': design });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^nowhere\/a\.json: /);
    const broken = await cli(['grade', 'a.json', 'd.json'], { 'a.json': '{\n  "format": ,\n}', 'd.json': design });
    expect(broken).toMatchObject({ code: 2, out: '' });
    expect(broken.err).toMatch(/^a\.json: line 2, column \d+: not valid JSON/);
    const badDesign = await cli(['grade', 'a.json', 'd.json'], { 'a.json': structural([causalTest]), 'd.json': '{"formatVersion": 1, "nodes": [{"id": "x"}]}' });
    expect(badDesign.code).toBe(2);
    expect(badDesign.err).toMatch(/^d\.json: /);
  });

  it('needs exactly two files', async () => {
    const { code, err } = await cli(['grade', 'a.json'], {});
    expect(code).toBe(2);
    expect(err).toContain("'grade' takes an ASSIGNMENT file and a DESIGN file");
    expect(err).toContain("Run 'multihead help grade' for usage.");
  });

  it('the example assignments (repository and README) are valid, and the command has a help page', async () => {
    expect(assignmentSpecSchema.safeParse(JSON.parse(readFileSync(EXAMPLE, 'utf8'))).success).toBe(true);
    const readme = readFileSync('README.md', 'utf8').split('## Grading from the command line')[1];
    const example = JSON.parse(readme.split('```json\n')[1].split('```')[0]);
    expect(assignmentSpecSchema.parse(example).tests.map((t) => t.kind)).toEqual(['causal-decoder-attention', 'training']);
    const { code, out } = await cli(['help', 'grade'], {});
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: multihead grade ASSIGNMENT\.json DESIGN\.json \[--json\]/);
  });
});
