'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CreateWorkshopRequest } from '@/lib/protocol/workshop-messages';

interface Props {
  templates: Array<{ name: string; title: string }>;
  designs: Array<{ id: string; title: string }>;
}

/** Title, starter, and how groups are made; creating opens the dashboard with the join code. */
export function NewWorkshopForm({ templates, designs }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [grouping, setGrouping] = useState<'auto' | 'pick'>('auto');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const starterValue = String(form.get('starter') ?? 'blank');
    const starter: CreateWorkshopRequest['starter'] = starterValue.startsWith('template:')
      ? { kind: 'template', template: starterValue.slice('template:'.length) }
      : starterValue.startsWith('design:')
        ? { kind: 'design', designId: starterValue.slice('design:'.length) }
        : { kind: 'blank' };
    const body: CreateWorkshopRequest = {
      title: String(form.get('title') ?? ''),
      starter,
      grouping,
      groupSize: Number(form.get('groupSize') ?? 3),
      groupCount: Number(form.get('groupCount') ?? 4),
    };
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/workshops', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await res.json()) as { ok: boolean; workshop?: { id: string }; message?: string };
      if (!res.ok || !answer.workshop) throw new Error(answer.message ?? `The server answered ${res.status}`);
      router.push(`/w/${answer.workshop.id}`);
    } catch (err) {
      setError(`Could not create the workshop: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  }

  return (
    <form className="workshop-form workshop-card" onSubmit={submit} aria-label="New workshop">
      <label>
        Title
        <input name="title" required maxLength={120} defaultValue="Transformer workshop" />
      </label>
      <label>
        Starter design
        <select name="starter" defaultValue={templates[0] ? `template:${templates[0].name}` : 'blank'}>
          <option value="blank">Blank canvas</option>
          <optgroup label="Templates">
            {templates.map((t) => (
              <option key={t.name} value={`template:${t.name}`}>
                {t.title}
              </option>
            ))}
          </optgroup>
          {designs.length > 0 && (
            <optgroup label="My designs">
              {designs.map((d) => (
                <option key={d.id} value={`design:${d.id}`}>
                  {d.title}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <fieldset>
        <legend>Groups</legend>
        <label>
          <input type="radio" name="grouping" value="auto" checked={grouping === 'auto'} onChange={() => setGrouping('auto')} />
          Put people in groups as they join
        </label>
        <label>
          <input type="radio" name="grouping" value="pick" checked={grouping === 'pick'} onChange={() => setGrouping('pick')} />
          Let people pick a group
        </label>
        {grouping === 'auto' ? (
          <label>
            People per group
            <input name="groupSize" type="number" min={1} max={50} defaultValue={3} />
          </label>
        ) : (
          <label>
            Number of groups
            <input name="groupCount" type="number" min={1} max={50} defaultValue={4} />
          </label>
        )}
      </fieldset>
      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create workshop'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  );
}
