import { afterEach, describe, expect, it } from 'vitest';
import { LoopPressure, yieldToLoop } from './loop-pressure.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // the event loop is blocked: its next tick runs late
  }
};

describe('loop pressure', () => {
  let pressure: LoopPressure | null = null;
  afterEach(() => pressure?.stop());

  it('lets jobs run while the loop keeps time, and pauses them (bounded) once it runs late, until it has caught up', async () => {
    pressure = new LoopPressure();
    pressure.start();
    await sleep(60);
    expect(yieldToLoop(pressure.buffer)).toBe(0);

    busy(40);
    await sleep(15); // the first tick after the block finds itself late
    const paused = yieldToLoop(pressure.buffer);
    // Called on this (the loop's own) thread nothing can lower the flag meanwhile: the pause ends at its bound.
    expect(paused).toBeGreaterThan(150);
    expect(paused).toBeLessThan(400);

    await sleep(250); // the hold passes with every tick on time
    expect(yieldToLoop(pressure.buffer)).toBe(0);
  });

  it('stop() lowers the flag for good', async () => {
    pressure = new LoopPressure();
    pressure.start();
    busy(40);
    await sleep(15);
    pressure.stop();
    expect(yieldToLoop(pressure.buffer)).toBe(0);
  });
});
