import { describe, expect, it } from 'vitest';
import { curvesOption, heatmapCells, heatmapOption, type ChartColours } from './chart-options';

const colours: ChartColours = { text: 't', muted: 'm', border: 'b', panel: 'p', accent: 'a', ok: 'o', warn: 'w', bad: 'x' };

describe('heatmaps', () => {
  it('leaves masked (exactly 0) cells empty only when asked, as [column, row, value]', () => {
    const causal = [
      [1, 0],
      [0.4, 0.6],
    ];
    expect(heatmapCells(causal, true)).toEqual([
      [0, 0, 1],
      [1, 0, '-'],
      [0, 1, 0.4],
      [1, 1, 0.6],
    ]);
    expect(heatmapCells(causal)).toContainEqual([1, 0, 0]);
  });

  it('puts the first row on top and the colour scale in the app colours', () => {
    const option = heatmapOption(
      { values: [[1]], rowLabels: ['a'], columnLabels: ['b'], rowName: 'query', columnName: 'key', range: [0, 1], scale: [colours.border, colours.accent] },
      colours,
    ) as { yAxis: { inverse: boolean }; visualMap: { inRange: { color: string[] }; text: string[] } };
    expect(option.yAxis.inverse).toBe(true);
    expect(option.visualMap.inRange.color).toEqual(['b', 'a']);
    expect(option.visualMap.text).toEqual(['1', '0']);
  });
});

describe('curves', () => {
  it('draws past runs dashed, shows a legend only when there is more than one line', () => {
    const one = curvesOption({ series: [{ name: 'now', points: [[1, 2]], colour: 'a' }], xName: 'step', yName: 'loss' }, colours) as { legend?: unknown };
    expect(one.legend).toBeUndefined();
    const two = curvesOption(
      {
        series: [
          { name: 'now', points: [[1, 2]], colour: 'a' },
          { name: 'before', points: [[1, 3]], colour: 'w', style: 'dashed' },
        ],
        xName: 'step',
        yName: 'loss',
        logY: true,
      },
      colours,
    ) as { legend?: unknown; yAxis: { type: string }; series: Array<{ name: string; lineStyle: { type: string; color: string } }> };
    expect(two.legend).toBeDefined();
    expect(two.yAxis.type).toBe('log');
    expect(two.series[1]).toMatchObject({ name: 'before', lineStyle: { type: 'dashed', color: 'w' } });
  });
});
