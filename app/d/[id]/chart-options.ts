import type { EChartsCoreOption } from 'echarts/core';

/** ECharts options, built as plain data (no DOM) so that they can be tested. */
export type ChartOption = EChartsCoreOption;

/** The app's colour variables (app/globals.css) as read in the browser. */
export interface ChartColours {
  text: string;
  muted: string;
  border: string;
  panel: string;
  accent: string;
  ok: string;
  warn: string;
  bad: string;
}

/** Colours for curves in order: the live run first, then the overlays. */
export function seriesColours(c: ChartColours): string[] {
  return [c.accent, c.warn, c.ok, c.bad, c.text, c.muted];
}

const AXIS_FONT = 10;

function axisStyle(c: ChartColours) {
  return {
    axisLine: { lineStyle: { color: c.border } },
    axisTick: { lineStyle: { color: c.border } },
    axisLabel: { color: c.muted, fontSize: AXIS_FONT },
    nameTextStyle: { color: c.muted, fontSize: AXIS_FONT },
    splitLine: { lineStyle: { color: c.border, opacity: 0.6 } },
  };
}

function tooltip(c: ChartColours) {
  return { backgroundColor: c.panel, borderColor: c.border, textStyle: { color: c.text, fontSize: 11 } };
}

export interface HeatmapSpec {
  /** [row][column]. */
  values: readonly (readonly number[])[];
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  rowName: string;
  columnName: string;
  /** The colour scale's ends. */
  range: [number, number];
  /** Two colours (low → high) or three (low → middle → high). */
  scale: string[];
  /** Leave cells that are exactly 0 empty (masked attention). */
  zerosEmpty?: boolean;
}

/** Cells as ECharts heatmap data: [column, row, value], '-' for a cell left empty. */
export function heatmapCells(values: HeatmapSpec['values'], zerosEmpty = false): Array<[number, number, number | '-']> {
  const cells: Array<[number, number, number | '-']> = [];
  values.forEach((row, r) => row.forEach((v, col) => cells.push([col, r, zerosEmpty && v === 0 ? '-' : v])));
  return cells;
}

/** A heatmap with the first row on top, a colour scale on the right and labels on both axes. */
export function heatmapOption(spec: HeatmapSpec, c: ChartColours): ChartOption {
  const axis = axisStyle(c);
  const labelEvery = (n: number) => (n <= 24 ? 0 : Math.ceil(n / 16) - 1);
  return {
    animation: false,
    textStyle: { color: c.text },
    tooltip: {
      ...tooltip(c),
      position: 'top',
      formatter: (p: { value: [number, number, number | '-'] }) =>
        `${spec.rowName} ${spec.rowLabels[p.value[1]]}, ${spec.columnName} ${spec.columnLabels[p.value[0]]}: ${
          p.value[2] === '-' ? 'masked' : p.value[2].toFixed(3)
        }`,
    },
    grid: { left: 44, right: 56, top: 8, bottom: 36 },
    xAxis: {
      type: 'category',
      data: [...spec.columnLabels],
      name: spec.columnName,
      nameLocation: 'middle',
      nameGap: 22,
      ...axis,
      axisLabel: { ...axis.axisLabel, interval: labelEvery(spec.columnLabels.length) },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: [...spec.rowLabels],
      inverse: true,
      name: spec.rowName,
      nameLocation: 'middle',
      nameGap: 30,
      ...axis,
      axisLabel: { ...axis.axisLabel, interval: labelEvery(spec.rowLabels.length) },
      splitArea: { show: false },
    },
    visualMap: {
      type: 'continuous',
      min: spec.range[0],
      max: spec.range[1],
      calculable: false,
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 120,
      precision: 2,
      text: [formatEnd(spec.range[1]), formatEnd(spec.range[0])],
      textGap: 4,
      textStyle: { color: c.muted, fontSize: AXIS_FONT },
      inRange: { color: spec.scale },
    },
    series: [
      {
        type: 'heatmap',
        data: heatmapCells(spec.values, spec.zerosEmpty),
        emphasis: { itemStyle: { borderColor: c.text, borderWidth: 1 } },
        progressive: 0,
      },
    ],
  };
}

function formatEnd(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(2);
}

/** One line of a curve chart. */
export interface CurveSeries {
  name: string;
  /** [x, y] pairs. */
  points: ReadonlyArray<readonly [number, number]>;
  colour: string;
  /** Dashed lines for past runs; points only for sparse evaluations. */
  style?: 'solid' | 'dashed' | 'markers';
}

export interface CurvesSpec {
  series: CurveSeries[];
  xName: string;
  yName: string;
  /** Fixed y range, e.g. [0, 1] for accuracies; otherwise fitted to the data. */
  yRange?: [number, number];
  /** A log scale, for losses that fall by orders of magnitude. */
  logY?: boolean;
}

/** Lines over steps, with a legend when there is more than one. */
export function curvesOption(spec: CurvesSpec, c: ChartColours): ChartOption {
  const axis = axisStyle(c);
  const legend = spec.series.length > 1;
  return {
    animation: false,
    textStyle: { color: c.text },
    tooltip: { ...tooltip(c), trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toPrecision(4) : String(v)) },
    legend: legend
      ? { type: 'scroll', bottom: 0, textStyle: { color: c.text, fontSize: AXIS_FONT }, itemWidth: 14, itemHeight: 8, pageTextStyle: { color: c.muted } }
      : undefined,
    grid: { left: 46, right: 12, top: 14, bottom: legend ? 58 : 34 },
    xAxis: { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 20, min: 0, ...axis, splitLine: { show: false } },
    yAxis: {
      type: spec.logY ? 'log' : 'value',
      name: spec.yName,
      nameLocation: 'end',
      nameGap: 6,
      scale: !spec.yRange,
      ...(spec.yRange ? { min: spec.yRange[0], max: spec.yRange[1] } : {}),
      ...axis,
    },
    series: spec.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.points.map((p) => [...p]),
      showSymbol: s.style === 'markers' || s.points.length <= 12,
      symbolSize: s.style === 'markers' ? 6 : 4,
      lineStyle: {
        color: s.colour,
        width: s.style === 'dashed' ? 1.2 : 1.8,
        type: s.style === 'dashed' ? 'dashed' : 'solid',
        opacity: s.style === 'markers' ? 0 : 1,
      },
      itemStyle: { color: s.colour },
      emphasis: { focus: 'series' },
    })),
  };
}
