import { describe, expect, it } from 'vitest';
import { DesignQueue } from './design-queue.ts';

const job = (id: string, designId: string) => ({ id, designId });
const caps = { maxQueuedPerDesign: 3, maxQueuedTotal: 5 };

describe('DesignQueue', () => {
  it('runs one job per design, first come first served, and other designs in between', () => {
    const q = new DesignQueue(caps);
    for (const j of [job('a1', 'A'), job('a2', 'A'), job('b1', 'B'), job('a3', 'A')]) q.enqueue(j);
    expect(q.take()?.id).toBe('a1');
    expect(q.take()?.id).toBe('b1'); // a2 waits for a1, B is idle
    expect(q.take()).toBeUndefined();
    q.release('A');
    expect(q.take()?.id).toBe('a2');
    q.release('B');
    expect(q.take()).toBeUndefined(); // a3 still behind a2
    q.release('A');
    expect(q.take()?.id).toBe('a3');
  });

  it('numbers a design’s waiting jobs from 1 and renumbers them when the queue moves', () => {
    const q = new DesignQueue(caps);
    for (const j of [job('a1', 'A'), job('b1', 'B'), job('a2', 'A'), job('a3', 'A')]) q.enqueue(j);
    expect(q.positions('A').map((p) => [p.job.id, p.position])).toEqual([['a1', 1], ['a2', 2], ['a3', 3]]);
    q.take();
    expect(q.positions('A').map((p) => [p.job.id, p.position])).toEqual([['a2', 1], ['a3', 2]]);
    expect(q.remove('a2')?.id).toBe('a2');
    expect(q.positions('A').map((p) => [p.job.id, p.position])).toEqual([['a3', 1]]);
    expect(q.remove('a2')).toBeUndefined();
  });

  it('refuses past the per-design cap and the total cap, with reasons', () => {
    const q = new DesignQueue(caps);
    for (const id of ['a1', 'a2', 'a3']) expect(q.enqueue(job(id, 'A')).ok).toBe(true);
    expect(q.enqueue(job('a4', 'A'))).toMatchObject({ ok: false, code: 'design-queue-full', message: expect.stringContaining('3 jobs waiting') });
    expect(q.enqueue(job('b1', 'B')).ok).toBe(true);
    expect(q.enqueue(job('c1', 'C')).ok).toBe(true);
    expect(q.enqueue(job('d1', 'D'))).toMatchObject({ ok: false, code: 'queue-full' });
    q.take(); // a1 leaves the queue: room again
    expect(q.enqueue(job('d1', 'D')).ok).toBe(true);
  });

  it('drains every waiting job in order', () => {
    const q = new DesignQueue(caps);
    q.enqueue(job('a1', 'A'));
    q.enqueue(job('b1', 'B'));
    expect(q.drain().map((j) => j.id)).toEqual(['a1', 'b1']);
    expect(q.has('a1')).toBe(false);
    expect(q.take()).toBeUndefined();
  });
});
