'use client';

import './history.css';
import { useEffect, useState } from 'react';
import type { TimelineEntry } from '@/lib/design/design-timeline';
import { exactTime, timeAgo } from './time-ago';
import type { DesignHistoryApi } from './use-design-history';

/** Versions drawn at a time; older ones come a page at a time on request. */
export const HISTORY_PAGE = 50;

/** Re-renders every `ms`, so “2 minutes ago” stays true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {timeAgo(iso, now)} · {exactTime(iso)}
    </time>
  );
}

function VersionItem({ entry, now, current, onPreview }: { entry: TimelineEntry; now: number; current: boolean; onPreview: () => void }) {
  return (
    <li>
      <button type="button" className="version" aria-current={current || undefined} onClick={onPreview} aria-label={`Version ${entry.version}: ${entry.description}, by ${entry.author.name}`}>
        <span className="version-head">
          <span className="version-number">v{entry.version}</span>
          <span className="version-what">{entry.description}</span>
        </span>
        <span className="version-meta">
          <span className="version-who">{entry.author.name}</span> <When iso={entry.createdAt} now={now} />
        </span>
      </button>
    </li>
  );
}

/** The History tab: every version, newest first, to preview, restore, fork from, or replay. */
export function HistoryPanel({ history }: { history: DesignHistoryApi }) {
  const { timeline, loading, error, retry, shownVersion, view } = history;
  const [shownCount, setShownCount] = useState(HISTORY_PAGE);
  const now = useNow(30_000);
  const entries = timeline.newestFirst(0, shownCount);
  const older = timeline.latest - entries.length;

  return (
    <section className="history" aria-label="History">
      <header className="history-head">
        <h2>History</h2>
        <button type="button" className="ghost" onClick={history.startReplay} disabled={timeline.latest === 0 || loading !== null} aria-pressed={view.kind === 'replay'}>
          Replay
        </button>
      </header>
      {error && (
        <p className="error-text" role="alert">
          {error}{' '}
          <button type="button" className="ghost" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {loading && (
        <p className="muted" role="status">
          Loading the history… {loading.loaded} of {loading.total} versions
        </p>
      )}
      <p className="muted history-count">
        {timeline.latest === 0 ? 'No edits yet.' : `${timeline.latest} ${timeline.latest === 1 ? 'version' : 'versions'} after the blank canvas. Choose one to preview it.`}
      </p>
      <ol className="versions" aria-label="Versions">
        {entries.map((entry) => (
          <VersionItem key={entry.version} entry={entry} now={now} current={shownVersion === entry.version} onPreview={() => history.preview(entry.version)} />
        ))}
        {older === 0 && timeline.latest > 0 && (
          <li>
            <button type="button" className="version" aria-current={shownVersion === 0 || undefined} onClick={() => history.preview(0)} aria-label="Version 0: the blank canvas">
              <span className="version-head">
                <span className="version-number">v0</span>
                <span className="version-what">The blank canvas</span>
              </span>
            </button>
          </li>
        )}
      </ol>
      {older > 0 && (
        <button type="button" className="ghost history-more" onClick={() => setShownCount((n) => n + HISTORY_PAGE)}>
          Show {Math.min(HISTORY_PAGE, older)} older versions ({older} more)
        </button>
      )}
    </section>
  );
}
