import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import { LatestFrameSampler } from './latest-frame-sampler.js';

/** A frame whose first 4 bytes carry its sequence number. */
function numbered(n: number): Buffer {
  const frame = Buffer.alloc(64);
  frame.writeUInt32BE(n, 0);
  return frame;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An analysis the test finishes by hand. */
function controlledAnalysis(): { analyse: (jpeg: Buffer) => Promise<void>; seen: number[]; finish: () => void } {
  const seen: number[] = [];
  let finishCurrent: (() => void) | null = null;
  return {
    seen,
    analyse: (jpeg) => {
      seen.push(jpeg.readUInt32BE(0));
      return new Promise<void>((resolve) => {
        finishCurrent = resolve;
      });
    },
    finish: () => {
      const finish = finishCurrent;
      finishCurrent = null;
      finish?.();
    },
  };
}

describe('LatestFrameSampler', () => {
  it('analyses the newest frame once the analyser is free, counting the replaced ones as dropped', async () => {
    const sampler = new LatestFrameSampler({ clock: fixedClock(0), logger: memoryLogger() });
    const analysis = controlledAnalysis();
    const running = sampler.run(analysis.analyse, { maxFps: 0 });
    sampler.offer(numbered(1));
    await tick();
    expect(analysis.seen).toEqual([1]);

    sampler.offer(numbered(2));
    sampler.offer(numbered(3));
    sampler.offer(numbered(4));
    analysis.finish();
    await tick();
    expect(analysis.seen).toEqual([1, 4]);

    analysis.finish();
    sampler.stop();
    await running;
    expect(sampler.stats()).toMatchObject({ framesIn: 4, framesAnalysed: 2, framesDropped: 2, analysisErrors: 0 });
  });

  it('holds at most one frame plus the one in analysis however fast frames arrive', async () => {
    const sampler = new LatestFrameSampler({ clock: systemClock, logger: memoryLogger() });
    const seen: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const running = sampler.run(
      async (jpeg) => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        seen.push(jpeg.readUInt32BE(0));
        await new Promise((resolve) => setTimeout(resolve, 5));
        concurrent--;
      },
      { maxFps: 0 },
    );
    let maxInMemory = 0;
    for (let n = 1; n <= 10_000; n++) {
      sampler.offer(numbered(n));
      maxInMemory = Math.max(maxInMemory, sampler.framesInMemory);
      if (n % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    sampler.stop();
    await running;

    const stats = sampler.stats();
    expect(maxInMemory).toBeLessThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    expect(stats.framesIn).toBe(10_000);
    expect(stats.framesAnalysed).toBe(seen.length);
    expect(stats.framesAnalysed).toBeGreaterThan(0);
    expect(stats.framesAnalysed + stats.framesDropped).toBe(10_000);
    expect(seen[seen.length - 1]).toBe(10_000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('waits between analyses as the frame rate limit requires', async () => {
    const clock = fixedClock(0);
    const sampler = new LatestFrameSampler({ clock, logger: memoryLogger() });
    const waits: number[] = [];
    let analysed = 0;
    const running = sampler.run(
      async () => {
        analysed++;
        clock.advance(30);
      },
      {
        maxFps: 10,
        sleep: async (ms) => {
          waits.push(ms);
          clock.advance(ms);
        },
      },
    );
    sampler.offer(numbered(1));
    await tick();
    sampler.offer(numbered(2));
    await tick();
    await tick();
    sampler.stop();
    await running;
    expect(analysed).toBe(2);
    // 100 ms per analysis at 10 fps, of which the analysis itself took 30: after each, 70 to wait.
    expect(waits).toEqual([70, 70]);
  });

  it('counts a failed analysis and keeps going', async () => {
    const sampler = new LatestFrameSampler({ clock: fixedClock(0), logger: memoryLogger() });
    let calls = 0;
    const running = sampler.run(
      async () => {
        calls++;
        if (calls === 1) throw new Error('decoder failed');
      },
      { maxFps: 0 },
    );
    sampler.offer(numbered(1));
    await tick();
    sampler.offer(numbered(2));
    await tick();
    sampler.stop();
    await running;
    expect(sampler.stats()).toMatchObject({ framesAnalysed: 1, analysisErrors: 1 });
  });

  it('reports the input and analysis rates over the sliding window', async () => {
    const clock = fixedClock(10_000);
    const sampler = new LatestFrameSampler({ clock, logger: memoryLogger(), fpsWindowMs: 1000 });
    const running = sampler.run(async () => undefined, { maxFps: 0 });
    for (let i = 0; i < 20; i++) {
      sampler.offer(numbered(i));
      await tick();
      clock.advance(50);
    }
    sampler.stop();
    await running;
    expect(sampler.stats().fpsIn).toBe(20);
    expect(sampler.stats().fpsAnalysed).toBe(20);
    clock.advance(2000);
    expect(sampler.stats().fpsIn).toBe(0);
  });

  it('ends run() on stop even while waiting for a frame', async () => {
    const sampler = new LatestFrameSampler({ clock: fixedClock(0), logger: memoryLogger() });
    const running = sampler.run(async () => undefined, { maxFps: 5 });
    await tick();
    sampler.stop();
    await expect(running).resolves.toBeUndefined();
  });
});
