'use client';

import { getNodesBounds, getViewportForBounds, useReactFlow } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { exportFileName as fileName } from '@/lib/export/file-name';
import { importDesignFile } from '../../import-file';
import './export-menu.css';

function saveAs(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Downloads what a route answers, or throws the route's refusal as a sentence. */
async function downloadFrom(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `the server answered ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  saveAs(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Largest picture side, in pixels: big designs are scaled down to fit. */
const MAX_PICTURE = 4096;
const MARGIN = 80;

/**
 * The editor's Export menu: the design as PyTorch code and weights, as JSON,
 * or as a picture of the whole canvas; and Import, which opens a JSON file
 * as a new design.
 */
export function ExportMenu({ designId, title, onError }: { designId: string; title: string; onError(message: string): void }) {
  const flow = useReactFlow();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  async function run(label: string, action: () => Promise<void>) {
    setOpen(false);
    setBusy(label);
    try {
      await action();
    } catch (error) {
      onError(`${label} failed: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function picture(format: 'png' | 'svg') {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const nodes = flow.getNodes();
    if (!viewport || nodes.length === 0) throw new Error('the canvas is empty');
    const bounds = getNodesBounds(nodes);
    const scale = Math.min(1, MAX_PICTURE / (bounds.width + 2 * MARGIN), MAX_PICTURE / (bounds.height + 2 * MARGIN));
    const width = Math.round((bounds.width + 2 * MARGIN) * scale);
    const height = Math.round((bounds.height + 2 * MARGIN) * scale);
    const view = getViewportForBounds(bounds, width, height, 0.05, 2, `${MARGIN * scale}px`);
    const options = {
      backgroundColor: getComputedStyle(document.body).getPropertyValue('--bg').trim() || undefined,
      width,
      height,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
    };
    const href = format === 'png' ? await toPng(viewport, { ...options, pixelRatio: 2 }) : await toSvg(viewport, options);
    saveAs(href, fileName(title, format));
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    await run('Import', async () => {
      const outcome = await importDesignFile(file);
      if (!outcome.ok) throw new Error(outcome.message);
      router.push(`/d/${outcome.id}`);
    });
  }

  function onMenuKey(event: KeyboardEvent) {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  }

  const items: [string, () => Promise<void>][] = [
    ['PyTorch code and weights (.zip)', () => downloadFrom(`/api/designs/${designId}/export.zip`, fileName(title, 'zip'))],
    ['Design as JSON', () => downloadFrom(`/api/designs/${designId}/export.json`, fileName(title, 'json'))],
    ['Picture (PNG)', () => picture('png')],
    ['Picture (SVG)', () => picture('svg')],
  ];

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={busy !== null}
      >
        {busy === null ? 'Export' : busy === 'Import' ? 'Importing…' : 'Exporting…'}
      </button>
      {open && (
        <div role="menu" aria-label="Export and import" className="export-menu-list" onKeyDown={onMenuKey}>
          {items.map(([label, action]) => (
            <button key={label} type="button" role="menuitem" tabIndex={-1} onClick={() => void run(label, action)}>
              {label}
            </button>
          ))}
          <div role="separator" />
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => fileInput.current?.click()}>
            Import JSON as a new design…
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        aria-label="Design JSON file to import"
        hidden
        onChange={(event) => {
          setOpen(false);
          void importFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
    </div>
  );
}
