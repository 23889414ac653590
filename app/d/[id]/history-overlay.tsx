'use client';

import './history.css';
import { useId, useState } from 'react';
import { REPLAY_SPEEDS } from './replay-player';
import type { Notice } from './status-bar';
import { exactTime, timeAgo } from './time-ago';
import type { DesignHistoryApi } from './use-design-history';

interface Props {
  history: DesignHistoryApi;
  onNotice: (notice: Notice) => void;
  /** Opens a design (after a fork). */
  onOpenDesign: (id: string) => void;
}

/** Over the canvas while it shows the past: the preview banner with its actions, or the replay controls. */
export function HistoryOverlay({ history, onNotice, onOpenDesign }: Props) {
  if (history.view.kind === 'preview') return <PreviewBanner history={history} version={history.view.version} onNotice={onNotice} onOpenDesign={onOpenDesign} />;
  if (history.view.kind === 'replay') return <ReplayBar history={history} />;
  return null;
}

function PreviewBanner({ history, version, onNotice, onOpenDesign }: Props & { version: number }) {
  const [busy, setBusy] = useState(false);
  const entry = history.timeline.entry(version);

  const run = async (what: 'restore' | 'fork') => {
    setBusy(true);
    try {
      if (what === 'restore') {
        const outcome = await history.restore(version);
        onNotice({ kind: outcome.ok ? 'info' : 'error', text: outcome.ok ? outcome.message : `Restore refused: ${outcome.message}` });
      } else {
        const outcome = await history.fork(version);
        if (outcome.ok && outcome.designId) onOpenDesign(outcome.designId);
        else onNotice({ kind: 'error', text: `Fork refused: ${outcome.message}` });
      }
    } catch (e) {
      onNotice({ kind: 'error', text: `${what === 'restore' ? 'Restore' : 'Fork'} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="history-overlay preview-banner" aria-label="Version preview">
      <p>
        Previewing <strong>version {version}</strong>
        {entry ? (
          <>
            {' '}
            by <strong>{entry.author.name}</strong>,{' '}
            <time dateTime={entry.createdAt} title={exactTime(entry.createdAt)}>
              {timeAgo(entry.createdAt, Date.now())}
            </time>
            <span className="muted"> — {entry.description}</span>
          </>
        ) : (
          <span className="muted"> — the blank canvas</span>
        )}
      </p>
      <div className="history-actions">
        <button type="button" onClick={() => void run('restore')} disabled={busy}>
          Restore this version
        </button>
        <button type="button" className="ghost" onClick={() => void run('fork')} disabled={busy}>
          Fork from here
        </button>
        <button type="button" className="ghost" onClick={history.backToLive}>
          Back to live
        </button>
      </div>
    </section>
  );
}

function ReplayBar({ history }: { history: DesignHistoryApi }) {
  const { replay, control, timeline } = history;
  const speedId = useId();
  const entry = timeline.entry(replay.version);
  return (
    <section className="history-overlay replay-bar" aria-label="Replay">
      <div className="replay-controls">
        <button type="button" className="ghost" onClick={() => control({ type: 'step', by: -1 })} disabled={replay.version === 0} aria-label="Step back">
          ◀
        </button>
        {replay.playing ? (
          <button type="button" onClick={() => control({ type: 'pause' })}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => control({ type: 'play' })} disabled={replay.end === 0}>
            Play
          </button>
        )}
        <button type="button" className="ghost" onClick={() => control({ type: 'step', by: 1 })} disabled={replay.version >= replay.end} aria-label="Step forward">
          ▶
        </button>
        <input
          type="range"
          className="replay-scrubber"
          aria-label="Version"
          aria-valuetext={`Version ${replay.version} of ${replay.end}`}
          min={0}
          max={replay.end}
          step={1}
          value={replay.version}
          onChange={(e) => control({ type: 'seek', version: Number(e.target.value) })}
        />
        <output className="replay-position" aria-live="off">
          {replay.version} / {replay.end}
        </output>
        <label htmlFor={speedId} className="history-hidden-label">
          Speed
        </label>
        <select id={speedId} value={replay.speed} onChange={(e) => control({ type: 'speed', speed: Number(e.target.value) })}>
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} / s
            </option>
          ))}
        </select>
        <button type="button" className="ghost" onClick={history.backToLive}>
          Back to live
        </button>
      </div>
      <p className="replay-step" role="status" aria-label="Replay step">
        {entry ? (
          <>
            <strong>v{entry.version}</strong> {entry.description} <span className="muted">— {entry.author.name}, {exactTime(entry.createdAt)}</span>
          </>
        ) : (
          <>
            <strong>v0</strong> The blank canvas
          </>
        )}
      </p>
    </section>
  );
}
