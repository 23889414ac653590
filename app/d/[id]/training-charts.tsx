'use client';

import { useMemo } from 'react';
import { getTask } from '@/lib/tasks/registry';
import { ExpandableChart, useChartColours } from './chart';
import { curvesOption, seriesColours, type CurveSeries } from './chart-options';
import { formatMetric, headlineCurve, lossPoints, pastRunLabel, pastRunLegend, type ShownTraining } from './train-views';
import { usePanelMemory } from './panel-memory';
import type { PastTraining } from './use-past-trainings';

const taskTitle = (name: string) => {
  const found = getTask(name);
  return found.ok ? found.task.title : name;
};

const SHOWN_NAME: Record<ShownTraining['state'], string> = { running: 'This training', cancelled: 'Cancelled training', finished: 'Latest training' };

/**
 * The loss and headline-metric curves of the training on show, with any
 * past trainings of the design a person ticks drawn over them.
 */
export function TrainingCharts({ designId, shown, past }: { designId: string; shown: ShownTraining | null; past: PastTraining[] }) {
  const colours = useChartColours();
  const [ticked, setTicked] = usePanelMemory<ReadonlySet<string>>(`${designId}:overlays`, new Set());
  const shownId = shown?.jobId;
  const others = useMemo(() => past.filter((p) => p.summary.id !== shownId), [past, shownId]);
  const overlays = useMemo(() => others.filter((p) => ticked.has(p.summary.id) && p.run), [others, ticked]);

  const charts = useMemo(() => {
    if (!colours) return null;
    const palette = seriesColours(colours);
    const loss: CurveSeries[] = [];
    const metric: CurveSeries[] = [];
    const current = shown ? headlineCurve(shown.evaluations) : null;
    let metricName = current?.label ?? null;
    const shownName = shown ? SHOWN_NAME[shown.state] : '';
    if (shown) {
      loss.push({ name: shownName, points: lossPoints(shown.lossCurve), colour: palette[0] });
      const evalLoss = lossPoints(shown.evaluations.map((e) => ({ step: e.step, loss: e.loss })));
      if (evalLoss.length > 0) loss.push({ name: 'Held-out loss', points: evalLoss, colour: colours.text, style: 'markers' });
      if (current) metric.push({ name: shownName, points: current.points, colour: palette[0] });
    }
    overlays.forEach((p, i) => {
      const colour = palette[1 + (i % (palette.length - 1))];
      const name = pastRunLegend(p.summary.finishedAt, p.run!);
      loss.push({ name, points: lossPoints(p.run!.lossCurve), colour, style: 'dashed' });
      const headline = headlineCurve(p.run!.evaluations);
      if (headline && (metricName === null || headline.label === metricName)) {
        metricName ??= headline.label;
        metric.push({ name, points: headline.points, colour, style: 'dashed' });
      }
    });
    const accuracy = metricName?.toLowerCase().includes('accuracy') ?? false;
    return {
      loss: loss.length > 0 ? curvesOption({ series: loss, xName: 'step', yName: 'loss', logY: true }, colours) : null,
      metric:
        metric.length > 0 && metricName
          ? curvesOption({ series: metric, xName: 'step', yName: metricName.toLowerCase(), yRange: accuracy ? [0, 1] : undefined }, colours)
          : null,
      metricName,
    };
  }, [colours, shown, overlays]);

  const last = shown?.lossCurve.at(-1);
  const lossLabel = shown
    ? `Loss curve: ${shown.lossCurve.length} points${last ? `, loss ${last.loss.toPrecision(3)} at step ${last.step}` : ''}${
        overlays.length > 0 ? `, with ${overlays.length} past ${overlays.length === 1 ? 'training' : 'trainings'} overlaid` : ''
      }`
    : `Loss curves of ${overlays.length} past ${overlays.length === 1 ? 'training' : 'trainings'}`;
  const headline = shown ? headlineCurve(shown.evaluations) : null;
  const lastMetric = headline?.points.at(-1);
  const metricLabel = `${charts?.metricName ?? 'Metric'} per evaluation${
    lastMetric && headline ? `: ${headline.points.length} evaluations, ${formatMetric(headline.label.toLowerCase(), lastMetric[1])} at step ${lastMetric[0]}` : ''
  }`;

  return (
    <>
      {charts?.loss ? (
        <ExpandableChart title="Loss" label={lossLabel} option={charts.loss} height={overlays.length > 0 ? 240 : 200} />
      ) : (
        <p className="muted">No training yet: the loss curve appears here as soon as one starts.</p>
      )}
      {charts?.metric && <ExpandableChart title={charts.metricName ?? 'Metric'} label={metricLabel} option={charts.metric} height={overlays.length > 0 ? 220 : 180} />}
      <section className="past-runs" aria-label="Past trainings">
        <h3>Past trainings of this design</h3>
        {others.length === 0 ? (
          <p className="muted">None yet. Train again after changing the design (pre-LN, mean heads, no positional encoding…) and compare the curves here.</p>
        ) : (
          <ul>
            {others.map((p) => {
              const label = p.run ? pastRunLabel(p.summary.finishedAt, p.run, taskTitle(p.run.task)) : `${p.summary.finishedAt} (could not be read)`;
              return (
                <li key={p.summary.id}>
                  <label>
                    <input
                      type="checkbox"
                      disabled={!p.run}
                      checked={ticked.has(p.summary.id)}
                      onChange={(e) =>
                        setTicked((old) => {
                          const next = new Set(old);
                          if (e.target.checked) next.add(p.summary.id);
                          else next.delete(p.summary.id);
                          return next;
                        })
                      }
                    />
                    <span>{label}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
