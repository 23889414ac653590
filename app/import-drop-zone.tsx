'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent } from 'react';
import { importDesignFile } from './import-file';
import './import-drop-zone.css';

/** The home page's import: drop a design JSON file here or pick one; the new design opens. */
export function ImportDropZone() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function importFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    const outcome = await importDesignFile(file);
    if (outcome.ok) {
      router.push(`/d/${outcome.id}`);
      return;
    }
    setError(outcome.message);
    setBusy(false);
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    void importFile(event.dataTransfer.files[0]);
  }

  return (
    <section
      className={`import-drop-zone${over ? ' import-drop-zone-over' : ''}`}
      aria-label="Import a design"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>
        {busy ? 'Importing…' : 'Drop a design JSON file here, or '}
        {!busy && (
          <button type="button" className="link-button" onClick={() => input.current?.click()}>
            choose a file to import
          </button>
        )}
      </p>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        aria-label="Design JSON file to import"
        hidden
        onChange={(event) => void importFile(event.target.files?.[0])}
      />
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
