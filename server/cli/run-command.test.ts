import { describe, expect, it } from 'vitest';
import { templateDocument } from '../../lib/design/index.ts';
import { main } from './main.ts';
import { captureIo } from './testing.ts';

function templateText(name: string, edit?: (doc: ReturnType<typeof document>) => void): string {
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

describe('run', () => {
  it('prints output shapes and stats per node, attention, params and elapsed time', async () => {
    const { code, out, err } = await cli(['run', 't.json'], { 't.json': templateText('tiny-transformer') });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}head\s+out\s+\[16, 12, 16\]\s+-?[\d.e-]+\s+[\d.e-]+/m);
    expect(out).toMatch(/^ {4}encoder\.selfAttn\s+out\s+\[16, 12, 32\]/m);
    expect(out).toMatch(/decoder\.selfAttn\s+1\s+4\s+12×12\s+[\d.]+ \/ 2\.48\s+[\d.]+\s+0\.000$/m); // causal: no future
    expect(out).toMatch(/decoder\.crossAttn\s+1\s+4\s+12×12.*—$/m);
    expect(out).toContain('srcPositions  sinusoidal  12 positions × 32 dims');
    expect(out).toMatch(/parameters\s+21,904/);
    expect(out).toMatch(/✓ t\.json: ran in [\d.]+ m?s\n$/);
  });

  it('--json carries every node\'s output stats, the attention summary and the seed', async () => {
    const { code, out } = await cli(['run', 't.json', '--json', '--seed', '7'], { 't.json': templateText('tiny-decoder-language-model') });
    expect(code).toBe(0);
    const run = JSON.parse(out);
    expect(run).toMatchObject({ file: 't.json', ran: true, seed: 7, batchSize: 16, params: 44_160 });
    expect(run.nodes.head.outputs.out.shape).toEqual([16, 32, 64]);
    expect(run.attentionSummary.length).toBeGreaterThan(0);
    for (const s of run.attentionSummary) expect(s.future).toBeCloseTo(0, 6);
  });

  it('is reproducible from its seed, and the seed matters', async () => {
    const files = { 't.json': templateText('tiny-encoder-classifier') };
    const stats = async (seed: string) => JSON.parse((await cli(['run', 't.json', '--json', '--seed', seed], files)).out).nodes.head.outputs.out;
    expect(await stats('1')).toEqual(await stats('1'));
    expect((await stats('1')).mean).not.toBe((await stats('2')).mean);
  });

  it('refuses a design with errors: exit 1 with the diagnostic code', async () => {
    const text = templateText('tiny-transformer', (doc) => {
      doc.nodes.find((n) => n.id === 'encoder.selfAttn')!.params.heads = 3;
    });
    const { code, out } = await cli(['run', 't.json'], { 't.json': text });
    expect(code).toBe(1);
    expect(out).toMatch(/error\s+heads-do-not-divide-width\s+encoder\.selfAttn/);
    expect(out).not.toContain('Outputs');
  });

  it('refuses a design above the run caps: exit 1 with the reason', async () => {
    const { code, out, err } = await cli(['run', 'p.json'], { 'p.json': templateText('attention-is-all-you-need') });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^p\.json: cannot run \(too-large\): This design has 63\.1M parameters/);
  });

  it('exits 2 on a file that is not a design', async () => {
    const { code, err } = await cli(['run', 'x.json'], { 'x.json': '{"formatVersion": 1, "nodes": [}' });
    expect(code).toBe(2);
    expect(err).toMatch(/^x\.json: line 1, column 32: not valid JSON/);
  });
});
