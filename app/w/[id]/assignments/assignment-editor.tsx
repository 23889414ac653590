'use client';

import './assignments.css';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type ReactNode } from 'react';
import { ASSIGNMENT_FORMAT, ASSIGNMENT_VERSION, type AssignmentSpec, type AssignmentTest, type AssignmentTestKind } from '@/lib/grading/assignment-spec';
import { checkSpec, fromLocalInput, toLocalInput, type SpecIssues } from './spec-issues';
import { newTest, TEST_KINDS, withKind, type TestField } from './test-kinds';

type Draft = AssignmentSpec;
type AnyRecord = Record<string, unknown>;

const BLANK: Draft = {
  format: ASSIGNMENT_FORMAT,
  version: ASSIGNMENT_VERSION,
  title: '',
  prompt: '',
  deadline: null,
  latePolicy: { kind: 'per-day', percentPerDay: 10, capPercent: 50 },
  starter: { kind: 'blank' },
  tests: [newTest('validates', [])],
};

/** A labelled control with its schema message under it, tied by aria-describedby. */
function Field({ label, error, children, hint }: { label: string; error?: string; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="ae-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <span id={`${id}-error`} className="ae-error">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="ae-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

const numberOrUndefined = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** The instructor's assignment editor: prompt, starter, deadline, late policy and the tests, with import and export of the JSON. */
export function AssignmentEditor({ workshopId, assignmentId, initial, referenceDesignId }: { workshopId: string; assignmentId?: string; initial?: AssignmentSpec; referenceDesignId?: string | null }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(initial ?? BLANK);
  const [reference, setReference] = useState(referenceDesignId ?? '');
  const [issues, setIssues] = useState<SpecIssues>({});
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const update = (next: Draft) => {
    setDraft(next);
    // Once shown, messages follow the draft as it is fixed.
    if (Object.keys(issues).length > 0) {
      const checked = checkSpec(next);
      setIssues(checked.ok ? {} : checked.issues);
    }
  };
  const setTest = (i: number, test: AssignmentTest) => update({ ...draft, tests: draft.tests.map((t, j) => (j === i ? test : t)) });
  const setTestField = (i: number, key: string, value: unknown) => {
    const next = { ...draft.tests[i] } as AnyRecord;
    if (value === undefined) delete next[key];
    else next[key] = value;
    setTest(i, next as AssignmentTest);
  };

  const save = async () => {
    const checked = checkSpec(draft);
    if (!checked.ok) {
      setIssues(checked.issues);
      const count = Object.keys(checked.issues).length;
      setStatus({ kind: 'error', text: `The assignment has ${count} ${count === 1 ? 'problem' : 'problems'}: see the marked fields.` });
      return;
    }
    setIssues({});
    setBusy(true);
    setStatus(null);
    try {
      const base = `/api/workshops/${workshopId}/assignments`;
      const res = await fetch(assignmentId ? `${base}/${assignmentId}` : base, {
        method: assignmentId ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spec: checked.spec, referenceDesignId: reference.trim() || null }),
      });
      const body = (await res.json()) as { ok: boolean; message?: string; assignment?: { id: string } };
      if (!body.ok || !body.assignment) throw new Error(body.message ?? 'The assignment could not be saved.');
      router.push(`/w/${workshopId}/assignments/${body.assignment.id}`);
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
      setBusy(false);
    }
  };

  const exportJson = () => {
    const blob = new Blob([`${JSON.stringify(draft, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${(draft.title || 'assignment').replace(/[^\w-]+/g, '-').toLowerCase()}.assignment.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const importJson = async (file: File) => {
    try {
      const checked = checkSpec(JSON.parse(await file.text()));
      if (!checked.ok) {
        const [path, message] = Object.entries(checked.issues)[0];
        setStatus({ kind: 'error', text: `${file.name} is not a valid assignment: ${path ? `${path}: ` : ''}${message}` });
        return;
      }
      setDraft(checked.spec);
      setIssues({});
      setStatus({ kind: 'ok', text: `Imported ${file.name}.` });
    } catch {
      setStatus({ kind: 'error', text: `${file.name} is not JSON.` });
    }
  };

  const late = draft.latePolicy;
  const starter = draft.starter;
  return (
    <main className="ae-page">
      <header className="ae-header">
        <h1>{assignmentId ? 'Edit assignment' : 'New assignment'}</h1>
        <div className="ae-actions">
          <Link className="av-back" href={assignmentId ? `/w/${workshopId}/assignments/${assignmentId}` : `/w/${workshopId}`}>
            Back
          </Link>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import JSON
          </button>
          <input ref={fileInput} type="file" accept="application/json,.json" hidden aria-label="Assignment JSON file" onChange={(e) => e.target.files?.[0] && void importJson(e.target.files[0])} />
          <button type="button" onClick={exportJson}>
            Export JSON
          </button>
        </div>
      </header>
      <form
        aria-label="Assignment"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="ae-section" aria-labelledby="ae-basics">
          <h2 id="ae-basics">Assignment</h2>
          <Field label="Title" error={issues.title}>
            {(p) => <input {...p} value={draft.title} maxLength={200} onChange={(e) => update({ ...draft, title: e.target.value })} />}
          </Field>
          <Field label="Prompt" error={issues.prompt}>
            {(p) => <textarea {...p} rows={4} value={draft.prompt} onChange={(e) => update({ ...draft, prompt: e.target.value })} />}
          </Field>
          <div className="ae-row">
            <Field label="Deadline" error={issues.deadline} hint="Empty: no deadline">
              {(p) => <input {...p} type="datetime-local" value={toLocalInput(draft.deadline)} onChange={(e) => update({ ...draft, deadline: fromLocalInput(e.target.value) })} />}
            </Field>
            <Field label="Late policy" error={issues.latePolicy}>
              {(p) => (
                <select
                  {...p}
                  value={late.kind}
                  onChange={(e) => update({ ...draft, latePolicy: e.target.value === 'refuse' ? { kind: 'refuse' } : { kind: 'per-day', percentPerDay: 10, capPercent: 50 } })}
                >
                  <option value="per-day">A percentage per day late</option>
                  <option value="refuse">No late submissions</option>
                </select>
              )}
            </Field>
            {late.kind === 'per-day' && (
              <>
                <Field label="Percent off per day" error={issues['latePolicy.percentPerDay']}>
                  {(p) => <input {...p} type="number" min={0} max={100} value={late.percentPerDay} onChange={(e) => update({ ...draft, latePolicy: { ...late, percentPerDay: Number(e.target.value) } })} />}
                </Field>
                <Field label="Cap (percent)" error={issues['latePolicy.capPercent']}>
                  {(p) => <input {...p} type="number" min={0} max={100} value={late.capPercent} onChange={(e) => update({ ...draft, latePolicy: { ...late, capPercent: Number(e.target.value) } })} />}
                </Field>
              </>
            )}
          </div>
          <div className="ae-row">
            <Field label="Starter design" error={issues.starter}>
              {(p) => (
                <select
                  {...p}
                  value={starter.kind}
                  onChange={(e) => {
                    const kind = e.target.value;
                    update({ ...draft, starter: kind === 'template' ? { kind, template: 'tiny-decoder-language-model' } : kind === 'design' ? { kind, designId: '' } : { kind: 'blank' } });
                  }}
                >
                  <option value="blank">Blank canvas</option>
                  <option value="template">A template</option>
                  <option value="design">One of my designs</option>
                </select>
              )}
            </Field>
            {starter.kind === 'template' && (
              <Field label="Template name" error={issues['starter.template']}>
                {(p) => <input {...p} value={starter.template} onChange={(e) => update({ ...draft, starter: { kind: 'template', template: e.target.value } })} />}
              </Field>
            )}
            {starter.kind === 'design' && (
              <Field label="Starter design id" error={issues['starter.designId']}>
                {(p) => <input {...p} value={starter.designId} onChange={(e) => update({ ...draft, starter: { kind: 'design', designId: e.target.value } })} />}
              </Field>
            )}
            <Field label="Reference design id" hint="For the diff of each submission (optional)">
              {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
            </Field>
          </div>
        </section>

        <section className="ae-section" aria-labelledby="ae-tests">
          <h2 id="ae-tests">Tests</h2>
          {issues.tests && (
            <p className="ae-error" role="alert">
              {issues.tests}
            </p>
          )}
          <ol className="ae-tests">
            {draft.tests.map((test, i) => (
              <li key={i} className="ae-test">
                <fieldset>
                  <legend>
                    Test {i + 1}: {test.name || TEST_KINDS[test.kind].label}
                  </legend>
                  {issues[`tests.${i}`] && <p className="ae-error">{issues[`tests.${i}`]}</p>}
                  <div className="ae-row">
                    <Field label="Kind">
                      {(p) => (
                        <select {...p} value={test.kind} onChange={(e) => setTest(i, withKind(test, e.target.value as AssignmentTestKind))}>
                          {Object.entries(TEST_KINDS).map(([kind, k]) => (
                            <option key={kind} value={kind}>
                              {k.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label="Test id" error={issues[`tests.${i}.id`]}>
                      {(p) => <input {...p} value={test.id} onChange={(e) => setTestField(i, 'id', e.target.value)} />}
                    </Field>
                    <Field label="Name" error={issues[`tests.${i}.name`]}>
                      {(p) => <input {...p} value={test.name} onChange={(e) => setTestField(i, 'name', e.target.value)} />}
                    </Field>
                    <Field label="Points" error={issues[`tests.${i}.points`]}>
                      {(p) => <input {...p} type="number" min={0} step="any" value={test.points} onChange={(e) => setTestField(i, 'points', Number(e.target.value))} />}
                    </Field>
                    <Field label="Visibility">
                      {(p) => (
                        <select {...p} value={test.visibility} onChange={(e) => setTestField(i, 'visibility', e.target.value)}>
                          <option value="visible">Visible</option>
                          <option value="hidden">Hidden until release</option>
                        </select>
                      )}
                    </Field>
                  </div>
                  {TEST_KINDS[test.kind].fields.length > 0 && (
                    <div className="ae-row">
                      {TEST_KINDS[test.kind].fields.map((f) => (
                        <KindField key={f.key} field={f} value={(test as AnyRecord)[f.key]} error={issues[`tests.${i}.${f.key}`]} onChange={(v) => setTestField(i, f.key, v)} />
                      ))}
                    </div>
                  )}
                  <div className="ae-row">
                    <Field label="Feedback when passed" error={issues[`tests.${i}.feedback.pass`]}>
                      {(p) => <input {...p} value={test.feedback.pass} onChange={(e) => setTestField(i, 'feedback', { ...test.feedback, pass: e.target.value })} />}
                    </Field>
                    <Field label="Feedback when failed" error={issues[`tests.${i}.feedback.fail`]}>
                      {(p) => <input {...p} value={test.feedback.fail} onChange={(e) => setTestField(i, 'feedback', { ...test.feedback, fail: e.target.value })} />}
                    </Field>
                  </div>
                  <button type="button" className="ae-remove" onClick={() => update({ ...draft, tests: draft.tests.filter((_, j) => j !== i) })}>
                    Remove test {i + 1}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <AddTest onAdd={(kind) => update({ ...draft, tests: [...draft.tests, newTest(kind, draft.tests.map((t) => t.id))] })} />
        </section>

        {status && (
          <p className={status.kind === 'error' ? 'ae-error' : 'ae-ok'} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
        <div className="ae-footer">
          <button type="submit" className="ae-primary" disabled={busy}>
            {assignmentId ? 'Save assignment' : 'Create assignment'}
          </button>
        </div>
      </form>
    </main>
  );
}

function KindField({ field, value, error, onChange }: { field: TestField; value: unknown; error?: string; onChange: (v: unknown) => void }) {
  return (
    <Field label={field.label} error={error} hint={field.hint}>
      {(p) =>
        field.type === 'select' ? (
          <select {...p} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
            {field.options!.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        ) : field.type === 'number' ? (
          <input {...p} type="number" step="any" value={value === undefined ? '' : String(value)} onChange={(e) => onChange(numberOrUndefined(e.target.value))} />
        ) : field.type === 'shape' ? (
          <ShapeInput inputProps={p} value={value} onChange={onChange} />
        ) : (
          <input {...p} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

function AddTest({ onAdd }: { onAdd: (kind: AssignmentTestKind) => void }) {
  const [kind, setKind] = useState<AssignmentTestKind>('node-count');
  return (
    <div className="ae-add">
      <Field label="New test kind">
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as AssignmentTestKind)}>
            {Object.entries(TEST_KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="button" onClick={() => onAdd(kind)}>
        Add test
      </button>
    </div>
  );
}

/** A shape typed as "8, 32, 1000": the text is kept as typed, the numbers go to the draft. */
function ShapeInput({ inputProps, value, onChange }: { inputProps: object; value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(Array.isArray(value) ? value.join(', ') : '');
  return (
    <input
      {...inputProps}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map(Number),
        );
      }}
    />
  );
}
