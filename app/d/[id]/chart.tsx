'use client';

import { HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChartColours, ChartOption } from './chart-options';
import './charts.css';

echarts.use([LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

const COLOUR_VARIABLES = { text: '--text', muted: '--muted', border: '--border', panel: '--panel', accent: '--accent', ok: '--ok', warn: '--warn', bad: '--bad' } as const;

function readColours(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  const entries = Object.entries(COLOUR_VARIABLES).map(([name, variable]) => [name, style.getPropertyValue(variable).trim()]);
  return Object.fromEntries(entries) as unknown as ChartColours;
}

/** The app's light or dark colours (app/globals.css), re-read when the system scheme flips. */
export function useChartColours(): ChartColours | null {
  const [colours, setColours] = useState<ChartColours | null>(null);
  useEffect(() => {
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColours(readColours());
    update();
    scheme.addEventListener('change', update);
    return () => scheme.removeEventListener('change', update);
  }, []);
  return colours;
}

/**
 * One ECharts chart, as an image with an accessible name (the label also
 * goes to ECharts' aria option, which writes it on the same element). The
 * chart follows its container's size.
 */
export function Chart({ label, option, height }: { label: string; option: ChartOption; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, aria: { enabled: true, label: { description: label } } }, { notMerge: true });
  }, [option, label]);

  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height }} />;
}

/** A chart in the side panel with a button that shows it larger in a dialog. */
export function ExpandableChart({
  label,
  title,
  option,
  height,
  children,
}: {
  label: string;
  title: string;
  option: ChartOption;
  height: number;
  /** Controls shown above the chart, in the panel and in the dialog alike. */
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const captionId = useId();
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <figcaption>
        <span id={captionId}>{title}</span>
        <button
          type="button"
          className="ghost small"
          aria-label={`Expand ${title}`}
          onClick={() => {
            setOpen(true);
            dialog.current?.showModal();
          }}
        >
          Expand
        </button>
      </figcaption>
      {children}
      <Chart label={label} option={option} height={height} />
      <dialog ref={dialog} className="chart-dialog" aria-label={title} onClose={() => setOpen(false)}>
        <header>
          <h2>{title}</h2>
          <button type="button" className="ghost" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </header>
        {children}
        {open && <Chart label={`${label} (enlarged)`} option={option} height={560} />}
      </dialog>
    </figure>
  );
}
