import { describe, expect, it } from 'vitest';
import { FairSlots } from './fair-slots.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('fair analysis slots', () => {
  it('gives the slot to cameras in turn, so a fast camera cannot take every turn', async () => {
    const slots = new FairSlots(1);
    const order: string[] = [];
    let stop = false;
    // Each camera loops: ask, "analyse" for one tick, release, ask again at once.
    const camera = async (key: string) => {
      while (!stop) {
        const release = await slots.acquire(key);
        order.push(key);
        await tick();
        release();
      }
    };
    const loops = ['a', 'b', 'c'].map((k) => camera(k));
    while (order.length < 30) await tick();
    stop = true;
    await Promise.all(loops);
    const counts = Object.fromEntries(['a', 'b', 'c'].map((k) => [k, order.filter((o) => o === k).length]));
    expect(Math.max(...Object.values(counts)) - Math.min(...Object.values(counts))).toBeLessThanOrEqual(1);
    expect(order.slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('runs as many analyses at once as it has slots', async () => {
    const slots = new FairSlots(2);
    const r1 = await slots.acquire('a');
    await slots.acquire('b');
    let third = false;
    void slots.acquire('c').then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(slots.stats()).toEqual({ busy: 2, waiting: 1 });
    r1();
    r1(); // a second release changes nothing
    await tick();
    expect(third).toBe(true);
    expect(slots.stats()).toEqual({ busy: 2, waiting: 0 });
  });

  it('grants waiting cameras at once when it grows', async () => {
    const slots = new FairSlots(1);
    await slots.acquire('a');
    let granted = false;
    void slots.acquire('b').then(() => (granted = true));
    slots.resize(2);
    await tick();
    expect(granted).toBe(true);
    expect(() => slots.resize(0)).toThrow(RangeError);
  });

  it('lets a stopping camera stop waiting without taking a slot', async () => {
    const slots = new FairSlots(1);
    await slots.acquire('a');
    let granted = false;
    const waiting = slots.acquire('b').then((release) => {
      granted = true;
      release();
    });
    slots.withdraw('b');
    await waiting;
    expect(granted).toBe(true);
    expect(slots.stats()).toEqual({ busy: 1, waiting: 0 });
  });
});
