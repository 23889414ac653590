import { describe, expect, it } from 'vitest';
import { LoadLedger, percentiles } from './load-stats.ts';

/** One room, clients 0..n-1 all joined at version `at`. */
function room(n: number, at = 0): LoadLedger {
  const ledger = new LoadLedger(1);
  for (let c = 0; c < n; c++) ledger.join(0, c, at);
  return ledger;
}

/** Client `sender` sends at `sentAt` and is acked with `version` at `sentAt + 1`. */
function accepted(ledger: LoadLedger, sender: number, version: number, sentAt: number): void {
  ledger.ack(ledger.send(0, sender, sentAt), { ok: true, version }, sentAt + 1);
}

describe('percentiles', () => {
  it('uses nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, shuffled order
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p99: 7, max: 7 });
    expect(percentiles([]).count).toBe(0);
    expect(percentiles([]).p99).toBeNaN();
  });
});

describe('LoadLedger', () => {
  it('a clean run: every other client gets every version in order, latencies per pair', () => {
    const ledger = room(3);
    accepted(ledger, 0, 1, 100);
    accepted(ledger, 1, 2, 200);
    // version 1 (from 0) reaches 1 and 2; version 2 (from 1) reaches 0 and 2.
    ledger.receive(0, 1, 1, 105, 0);
    ledger.receive(0, 2, 1, 110, 0);
    ledger.receive(0, 0, 2, 203, 1);
    ledger.receive(0, 2, 2, 220, 1);
    expect(ledger.pendingReceipts).toBe(0);
    expect(ledger.pendingAcks).toBe(0);
    const r = ledger.report();
    expect(r).toMatchObject({ sent: 2, accepted: 2, lostReceipts: 0, lostOps: 0, outOfOrder: 0, gaps: 0, duplicates: 0, misattributed: 0 });
    expect(r.editLatency).toEqual({ count: 4, p50: 5, p99: 20, max: 20 });
    expect(r.ackLatency).toEqual({ count: 2, p50: 1, p99: 1, max: 1 });
  });

  it('own versions are not owed: a client that skips only its own edits has no gap', () => {
    const ledger = room(2);
    accepted(ledger, 0, 1, 0);
    accepted(ledger, 1, 2, 0);
    accepted(ledger, 0, 3, 0);
    ledger.receive(0, 1, 1, 1);
    ledger.receive(0, 1, 3, 2); // 2 is client 1's own: not a gap
    ledger.receive(0, 0, 2, 1);
    const r = ledger.report();
    expect(r.gaps).toBe(0);
    expect(r.lostReceipts).toBe(0);
  });

  it('a version never received is lost (and its skip is a gap)', () => {
    const ledger = room(3);
    accepted(ledger, 0, 1, 0);
    accepted(ledger, 0, 2, 0);
    accepted(ledger, 0, 3, 0);
    for (const v of [1, 2, 3]) ledger.receive(0, 1, v, 10);
    ledger.receive(0, 2, 1, 10);
    ledger.receive(0, 2, 3, 10); // client 2 never gets 2
    expect(ledger.pendingReceipts).toBe(1);
    const r = ledger.report();
    expect(r.lostReceipts).toBe(1);
    expect(r.lostOps).toBe(1);
    expect(r.gaps).toBe(1);
    expect(r.outOfOrder).toBe(0);
  });

  it('a version that arrives late is reordered, not lost', () => {
    const ledger = room(2);
    for (const v of [1, 2, 3]) accepted(ledger, 0, v, 0);
    ledger.receive(0, 1, 1, 10);
    ledger.receive(0, 1, 3, 11); // skips 2: a gap
    ledger.receive(0, 1, 2, 12); // then 2 arrives after 3: out of order
    const r = ledger.report();
    expect(r.lostReceipts).toBe(0);
    expect(r.gaps).toBe(1);
    expect(r.outOfOrder).toBe(1);
  });

  it('counts duplicates, unknown versions, self echoes and misattributed authors', () => {
    const ledger = room(3);
    accepted(ledger, 0, 1, 0);
    accepted(ledger, 1, 2, 0);
    ledger.receive(0, 2, 1, 5, 0);
    ledger.receive(0, 2, 1, 6, 0); // twice
    ledger.receive(0, 2, 2, 7, 0); // says 0 wrote it; client 1 was acked with 2
    ledger.receive(0, 2, 9, 8); // no ack names 9
    ledger.receive(0, 0, 1, 9, 0); // its own op back
    ledger.receive(0, 0, 2, 9, 1);
    ledger.receive(0, 1, 1, 9, 0);
    const r = ledger.report();
    expect(r).toMatchObject({ duplicates: 1, misattributed: 1, unknownVersions: 1, selfEchoes: 1, lostReceipts: 0, outOfOrder: 0, gaps: 0 });
  });

  it('separates refusals by code, unanswered sends and conflicting acks', () => {
    const ledger = room(2);
    accepted(ledger, 0, 1, 0);
    ledger.ack(ledger.send(0, 1, 0), { ok: false, code: 'rate-limited' }, 1);
    ledger.ack(ledger.send(0, 1, 0), { ok: false, code: 'rate-limited' }, 1);
    ledger.ack(ledger.send(0, 1, 0), { ok: false, code: 'refused-op' }, 1);
    ledger.send(0, 1, 0); // never answered
    accepted(ledger, 1, 1, 0); // a second ack claiming version 1
    const r = ledger.report();
    expect(r.refused).toEqual({ 'rate-limited': 2, 'refused-op': 1 });
    expect(r.unanswered).toBe(1);
    expect(ledger.pendingAcks).toBe(1);
    expect(r.conflictingAcks).toBe(1);
    expect(r.accepted).toBe(2);
  });

  it('owes a client only versions after the one it joined at, and keeps rooms apart', () => {
    const ledger = new LoadLedger(2);
    ledger.join(0, 0, 0);
    ledger.join(0, 1, 5); // joined late, at version 5
    ledger.join(1, 0, 0);
    ledger.join(1, 1, 0);
    for (let v = 1; v <= 6; v++) accepted(ledger, 0, v, 0);
    ledger.receive(0, 1, 6, 1);
    // room 1: a version 1 from client 1, received by client 0; room 0's versions are no business of room 1
    ledger.ack(ledger.send(1, 1, 0), { ok: true, version: 1 }, 1);
    ledger.receive(1, 0, 1, 1);
    const r = ledger.report();
    expect(r.lostReceipts).toBe(0);
    expect(r.gaps).toBe(0);
    expect(r.unknownVersions).toBe(0);
  });

  it('only ops sent inside the window count towards rates and latencies; loss is judged on all', () => {
    const ledger = room(2);
    accepted(ledger, 0, 1, 0); // warm-up
    accepted(ledger, 0, 2, 100);
    accepted(ledger, 0, 3, 300); // draining
    ledger.receive(0, 1, 1, 50);
    ledger.receive(0, 1, 2, 130);
    const r = ledger.report({ from: 100, to: 200 });
    expect(r.acceptedInWindow).toBe(1);
    expect(r.sentInWindow).toBe(1);
    expect(r.editLatency).toEqual({ count: 1, p50: 30, p99: 30, max: 30 });
    expect(r.lostReceipts).toBe(1); // version 3
  });
});
