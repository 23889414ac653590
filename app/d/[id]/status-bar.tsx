import type { DesignCost } from '@/lib/compile/count';
import { formatCount, formatFlops } from './format';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Totals of the design and the latest thing worth telling (a refused edit says why). */
export function StatusBar({ cost, nodes, notice }: { cost: DesignCost; nodes: number; notice: Notice | null }) {
  return (
    <footer className="status-bar" aria-label="Status">
      <span>
        {nodes} {nodes === 1 ? 'node' : 'nodes'}
      </span>
      <span aria-label="Total parameters">
        Parameters <strong>{formatCount(cost.total.params)}</strong>
      </span>
      <span aria-label="Total FLOPs">
        FLOPs <strong>{formatFlops(cost.total.flops)}</strong>
      </span>
      {cost.uncounted.length > 0 && <span className="muted">({cost.uncounted.length} not counted: unknown shapes)</span>}
      <span className="spacer" />
      <span className="notice" role={notice?.kind === 'error' ? 'alert' : 'status'} data-kind={notice?.kind}>
        {notice?.text ?? ''}
      </span>
    </footer>
  );
}
