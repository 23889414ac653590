/** The "design" benchmark section: validation of a 500-node design and counting the paper's model. */
import { countDesign } from '../../lib/compile/count.ts';
import { templateDocument, validateDesign, type DesignDocument } from '../../lib/design/index.ts';
import { buildLargeDesign } from '../../lib/design/testing/large-design.ts';
import { median } from './measure.ts';
import type { BenchPart, Section } from './section.ts';
import { fmt, renderTable } from './table.ts';

const WARMUP = 20;
const RUNS = 200;
/** The target from the issue: validating a 500-node design takes under 10 ms. */
const TARGET_MS = 10;

interface Timing {
  median: number;
  p90: number;
}

/** Times each call separately (they last about a millisecond, far above timer resolution). */
function timeCalls(fn: () => void): Timing {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: median(ms), p90: ms[Math.floor(0.9 * (ms.length - 1))] };
}

function paperModel(): DesignDocument {
  const result = templateDocument('attention-is-all-you-need');
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

interface Row {
  name: string;
  doc: DesignDocument;
}

/** Times validation and counting on a 500-node design and on the paper's base model. */
export const validationPart: BenchPart = {
  name: 'validation',
  title: `validateDesign and countDesign, ms per call (median and 90th percentile of ${RUNS} runs; target < ${TARGET_MS} ms for 500 nodes)`,
  async measureOurs() {
    const designs: Row[] = [
      { name: 'buildLargeDesign(500)', doc: buildLargeDesign(500) },
      { name: 'attention-is-all-you-need', doc: paperModel() },
    ];
    const measured = designs.map(({ name, doc }) => {
      const validation = validateDesign(doc);
      const validate = timeCalls(() => validateDesign(doc));
      const count = timeCalls(() => countDesign(doc, validation));
      // Counting must not allocate weights: the paper's 63M float32 parameters would be ~250 MB of array buffers.
      const before = process.memoryUsage().arrayBuffers;
      const cost = countDesign(doc, validation);
      const allocated = process.memoryUsage().arrayBuffers - before;
      return { name, doc, validation, validate, count, cost, allocated };
    });
    return async () =>
      renderTable(
        [
          { header: 'design', align: 'left' },
          { header: 'nodes' },
          { header: 'valid' },
          { header: 'validate median' },
          { header: 'validate p90' },
          { header: 'target' },
          { header: 'count median' },
          { header: 'params' },
          { header: 'array buffers Δ' },
        ],
        measured.map((m) => [
          m.name,
          String(m.doc.nodes.length),
          m.validation.ok ? 'yes' : 'NO',
          `${fmt(m.validate.median)} ms`,
          `${fmt(m.validate.p90)} ms`,
          m.doc.nodes.length >= 500 ? (m.validate.median < TARGET_MS ? `< ${TARGET_MS} ms ✓` : `< ${TARGET_MS} ms ✗`) : '',
          `${fmt(m.count.median)} ms`,
          m.cost.total.params.toLocaleString('en-US'),
          `${m.allocated} B`,
        ]),
      );
  },
};

/** The section as registered in index.ts. */
export const designSection: Section = {
  name: 'design',
  title: 'Design documents',
  parts: [validationPart],
};
