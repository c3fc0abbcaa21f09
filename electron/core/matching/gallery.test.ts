import { describe, expect, it } from 'vitest';
import { Gallery } from './gallery.js';
import { cosine } from './similarity.js';

const v = (...xs: number[]): Float32Array => new Float32Array(xs);

describe('Gallery', () => {
  it('scores a person by their best template and reports the runner-up person', () => {
    const g = new Gallery(3);
    g.replacePerson('ann', [v(1, 0, 0), v(0, 1, 0)]);
    g.replacePerson('bob', [v(0, 0, 1)]);
    const { best, second } = g.match(v(0.1, 1, 0.5));
    expect(best?.customerId).toBe('ann');
    // ann's best template is (0,1,0): cosine = 1 / |(0.1,1,0.5)| (int8 quantisation is coarse in 3-d: 2 digits)
    expect(best?.score).toBeCloseTo(1 / Math.hypot(0.1, 1, 0.5), 2);
    expect(second?.customerId).toBe('bob');
    expect(second?.score).toBeCloseTo(0.5 / Math.hypot(0.1, 1, 0.5), 2);
  });

  it('normalises templates and probes, so scale does not change the score', () => {
    const g = new Gallery(2);
    g.replacePerson('ann', [v(10, 0)]);
    expect(g.match(v(0.001, 0)).best?.score).toBeCloseTo(1, 6);
  });

  it("replaces all of a person's templates and keeps everyone else's", () => {
    const g = new Gallery(2);
    g.replacePerson('ann', [v(1, 0), v(1, 1)]);
    g.replacePerson('bob', [v(0, 1)]);
    g.replacePerson('ann', [v(-1, 0)]);
    expect(g.size).toBe(2);
    expect(g.people).toBe(2);
    expect(g.match(v(1, 0)).best?.customerId).toBe('bob');
    expect(g.match(v(-1, 0)).best).toEqual({ customerId: 'ann', score: expect.closeTo(1, 6) });
  });

  it('removes a person entirely and matches the rest unchanged', () => {
    const g = new Gallery(2);
    g.replacePerson('ann', [v(1, 0)]);
    g.replacePerson('bob', [v(0, 1), v(1, 1)]);
    g.replacePerson('cat', [v(-1, 0)]);
    expect(g.removePerson('bob')).toBe(2);
    expect(g.has('bob')).toBe(false);
    expect(g.size).toBe(2);
    expect(g.match(v(1, 0)).best?.customerId).toBe('ann');
    expect(g.match(v(-1, 0)).best?.customerId).toBe('cat');
    expect(g.removePerson('nobody')).toBe(0);
  });

  it('returns no match from an empty gallery and no runner-up with a single person', () => {
    const g = new Gallery(2);
    expect(g.match(v(1, 0))).toEqual({ best: null, second: null });
    g.replacePerson('ann', [v(1, 0), v(0, 1)]);
    expect(g.match(v(1, 0)).second).toBeNull();
  });

  it('grows past its initial capacity without losing templates', () => {
    const g = new Gallery(4, 2);
    for (let i = 0; i < 50; i++) {
      const e = new Float32Array(4);
      e[i % 4] = 1;
      e[(i + 1) % 4] = i / 50;
      g.replacePerson(`p${i}`, [e]);
    }
    expect(g.size).toBe(50);
    const probe = new Float32Array([0, 0, 1, 49 / 50]);
    expect(g.match(probe).best?.customerId).toBe('p46');
  });

  it('rejects embeddings of the wrong length and leaves the gallery unchanged', () => {
    const g = new Gallery(3);
    g.replacePerson('ann', [v(1, 0, 0)]);
    expect(() => g.replacePerson('ann', [v(0, 1, 0), v(1, 2)])).toThrow(/does not fit/);
    expect(g.size).toBe(1);
    expect(g.match(v(1, 0, 0)).best?.customerId).toBe('ann');
    expect(() => g.match(v(1, 0))).toThrow(/does not fit/);
  });

  it('scores 1,024-d embeddings within 0.002 of the exact cosine despite int8 storage', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    };
    const vector = () => Float32Array.from({ length: 1024 }, random);
    const g = new Gallery(1024);
    const people = Array.from({ length: 50 }, vector);
    people.forEach((e, i) => g.replacePerson(`p${i}`, [e]));
    for (let k = 0; k < 20; k++) {
      const target = people[k] ?? vector();
      // A probe at cosine ~0.7 to person k, like a genuine face.
      const noise = vector();
      const probe = target.map((x, i) => x + 0.9 * (noise[i] ?? 0));
      const { best } = g.match(probe);
      expect(best?.customerId).toBe(`p${k}`);
      expect(Math.abs((best?.score ?? 0) - cosine(probe, target))).toBeLessThan(0.002);
    }
  });

  it('reuses the place of an erased person for the next one', () => {
    const g = new Gallery(2);
    g.replacePerson('ann', [v(1, 0)]);
    g.removePerson('ann');
    g.replacePerson('bob', [v(0, 1)]);
    expect(g.people).toBe(1);
    expect(g.has('ann')).toBe(false);
    expect(g.match(v(0, 1)).best?.customerId).toBe('bob');
  });

  it('rejects a zero embedding instead of storing it', () => {
    const g = new Gallery(2);
    expect(() => g.replacePerson('ann', [v(0, 0)])).toThrow(/zero/);
    expect(g.size).toBe(0);
  });
});
