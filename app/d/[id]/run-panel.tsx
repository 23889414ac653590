'use client';

import { useMemo, useState } from 'react';
import type { RunResult } from '@/lib/compile/run';
import type { DesignDocument } from '@/lib/design/document';
import type { Participant } from '@/lib/protocol/messages';
import { ExpandableChart, useChartColours } from './chart';
import { heatmapOption } from './chart-options';
import { formatCount, formatFlops, formatShape } from './format';
import { JobStatus } from './job-status';
import { usePanelMemory } from './panel-memory';
import {
  attentionChoiceLabel,
  attentionNode,
  formatStat,
  inputFeeding,
  maskedCells,
  nodeStatRows,
  positionLabels,
  valueRange,
} from './run-views';
import type { DesignJobs } from './use-design-jobs';
import './job-panels.css';

interface RunPanelProps {
  /** False for viewers and commenters: the server would refuse. */
  mayRun?: boolean;
  doc: DesignDocument;
  /** Errors that keep the design from running (0 = it can run). */
  errorCount: number;
  jobs: DesignJobs;
  participants: readonly Participant[];
  onFocus: (nodeId: string) => void;
}

/** The Run tab: one forward pass on a sample batch, and what everyone can see of it. */
export function RunPanel({ doc, errorCount, jobs, participants, onFocus, mayRun = true }: RunPanelProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const { runJob, runResult, runFailure } = jobs;
  const reason = !mayRun
    ? 'Only its editors and owner may run this design.'
    : errorCount > 0
      ? `Fix the design's ${errorCount === 1 ? 'error' : `${errorCount} errors`} first (see Inspect).`
      : doc.nodes.length === 0
        ? 'Add layers or start from a template first.'
        : runJob
          ? 'A run of this design is already under way.'
          : null;

  const run = async () => {
    setRefusal(null);
    const answer = await jobs.start('run', {});
    if (!answer.ok) setRefusal(answer.message);
  };

  return (
    <section className="job-panel" aria-label="Run">
      <div className="job-actions">
        <button type="button" onClick={() => void run()} disabled={reason !== null} aria-describedby={reason ? 'run-reason' : undefined}>
          Run
        </button>
        <p id="run-reason" className="muted">
          {reason ?? 'One forward pass on a sample batch, seeded, for everyone in the room.'}
        </p>
      </div>
      {runJob && <JobStatus active={runJob} participants={participants} what="Run" onCancel={() => void jobs.cancel(runJob.job.id)} />}
      {refusal && (
        <p role="alert" className="error-text">
          {refusal}
        </p>
      )}
      {runFailure && (
        <p role="alert" className="error-text">
          The last run failed: {runFailure.message}
        </p>
      )}
      {runResult ? <RunResultView doc={doc} result={runResult} onFocus={onFocus} /> : !runFailure && <p className="muted">No run yet.</p>}
    </section>
  );
}

function RunResultView({ doc, result, onFocus }: { doc: DesignDocument; result: RunResult; onFocus: (nodeId: string) => void }) {
  const rows = useMemo(() => nodeStatRows(doc, result), [doc, result]);
  return (
    <>
      <p className="run-summary" aria-label="Run summary">
        {formatCount(result.params)} parameters · {formatFlops(result.flops)} FLOPs · {Math.round(result.elapsedMs)} ms · batch {result.batchSize} · seed {result.seed}
      </p>
      <AttentionView doc={doc} result={result} />
      <PositionalEncodingView result={result} />
      <h3>Every layer&apos;s output</h3>
      {rows.length === 0 ? (
        <p className="muted">No layer of the current design was in that run.</p>
      ) : (
        <ul className="node-stats" aria-label="Layer outputs">
          {rows.map((r) => (
            <li key={`${r.nodeId}.${r.port}`}>
              <div className="node-stats-head">
                <button type="button" className="link" onClick={() => onFocus(r.nodeId)} title={`Show ${r.label} on the canvas`}>
                  {r.label}
                  {r.port !== 'out' ? `.${r.port}` : ''}
                </button>
                <code>{formatShape(r.stats.shape)}</code>
              </div>
              <div className="node-stats-values muted">
                mean {formatStat(r.stats.mean)} · std {formatStat(r.stats.std)} · min {formatStat(r.stats.min)} · max {formatStat(r.stats.max)}
                {r.stats.nonFinite > 0 && <span className="warn"> · {r.stats.nonFinite} not finite</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AttentionView({ doc, result }: { doc: DesignDocument; result: RunResult }) {
  const colours = useChartColours();
  const [layer, setLayer] = usePanelMemory('run-attention-layer', 0);
  const [head, setHead] = usePanelMemory('run-attention-head', 0);
  const maps = result.attention;
  if (maps.length === 0) return <p className="muted">This design has no attention layer to show.</p>;
  const map = maps[Math.min(layer, maps.length - 1)];
  const h = Math.min(head, map.heads - 1);
  const weights = map.weights[h];
  const node = attentionNode(doc, map);
  const queries = positionLabels(doc, result, inputFeeding(doc, map.nodeId, 'queries'), weights.length);
  const keys = positionLabels(doc, result, inputFeeding(doc, map.nodeId, 'keys'), weights[0]?.length ?? 0);
  const { masked, total } = maskedCells(weights);
  const choice = attentionChoiceLabel(map, maps);
  const label = `Attention heatmap of ${choice}, head ${h + 1} of ${map.heads}: ${weights.length} queries × ${keys.length} keys${
    masked > 0 ? `, ${masked} of ${total} cells masked${node?.params.causal === true ? ' (causal)' : ''}` : ', nothing masked'
  }`;
  const option = colours
    ? heatmapOption(
        {
          values: weights,
          rowLabels: queries,
          columnLabels: keys,
          rowName: 'query',
          columnName: 'key',
          range: [0, Math.max(valueRange(weights)[1], 1e-6)],
          // Unmasked weights never reach the panel's colour, so masked (empty) cells stand out.
          scale: [colours.border, colours.accent],
          zerosEmpty: true,
        },
        colours,
      )
    : null;

  const controls = (
    <div className="chart-controls">
      <label>
        <span>Layer</span>
        <select
          aria-label="Attention layer"
          value={Math.min(layer, maps.length - 1)}
          onChange={(e) => {
            setLayer(Number(e.target.value));
            setHead(0);
          }}
        >
          {maps.map((m, i) => (
            <option key={`${m.nodeId}-${m.repeat}`} value={i}>
              {attentionChoiceLabel(m, maps)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Head</span>
        <select aria-label="Attention head" value={h} onChange={(e) => setHead(Number(e.target.value))}>
          {Array.from({ length: map.heads }, (_, i) => (
            <option key={i} value={i}>
              {i + 1}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  return (
    <>
      {option && (
        <ExpandableChart title="Attention" label={label} option={option} height={300}>
          {controls}
        </ExpandableChart>
      )}
      <p className="chart-note muted">
        Rows are queries, columns the keys they attend to (sample 0&apos;s tokens).{' '}
        {masked > 0 ? 'Empty cells are masked: weight 0.' : node?.params.mode === 'self' ? 'No mask: every position sees every other.' : ''}
      </p>
    </>
  );
}

function PositionalEncodingView({ result }: { result: RunResult }) {
  const colours = useChartColours();
  const [which, setWhich] = usePanelMemory('run-positional-encoding', 0);
  const matrices = result.positionalEncodings;
  if (matrices.length === 0) return <p className="muted">No positional encoding in this design: attention cannot tell positions apart.</p>;
  const pe = matrices[Math.min(which, matrices.length - 1)];
  const [low, high] = valueRange(pe.matrix);
  const bound = Math.max(Math.abs(low), Math.abs(high), 1e-6);
  const positions = pe.matrix.length;
  const dims = pe.matrix[0]?.length ?? 0;
  const label = `Positional encoding heatmap of ${pe.nodeId} (${pe.kind}): ${positions} positions × ${dims} dimensions`;
  const option = colours
    ? heatmapOption(
        {
          values: pe.matrix,
          rowLabels: Array.from({ length: positions }, (_, i) => String(i)),
          columnLabels: Array.from({ length: dims }, (_, i) => String(i)),
          rowName: 'position',
          columnName: 'dimension',
          range: [-bound, bound],
          scale: [colours.bad, colours.panel, colours.accent],
        },
        colours,
      )
    : null;
  const controls =
    matrices.length > 1 ? (
      <div className="chart-controls">
        <label>
          <span>Node</span>
          <select aria-label="Positional encoding" value={Math.min(which, matrices.length - 1)} onChange={(e) => setWhich(Number(e.target.value))}>
            {matrices.map((m, i) => (
              <option key={m.nodeId} value={i}>
                {m.nodeId} ({m.kind})
              </option>
            ))}
          </select>
        </label>
      </div>
    ) : null;
  return option ? (
    <ExpandableChart title="Positional encoding" label={label} option={option} height={Math.min(300, 90 + positions * 12)}>
      {controls}
    </ExpandableChart>
  ) : null;
}
