import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { createRendererWatchdog } from './renderer-watchdog.js';
import { createRestartPolicy, DEFAULT_RESTART_LIMIT } from './restart-policy.js';

function watchdog() {
  const clock = fixedClock('2026-11-20T09:00:00Z');
  const policy = createRestartPolicy({ ...DEFAULT_RESTART_LIMIT, clock });
  return { clock, dog: createRendererWatchdog({ name: 'customer display', policy, clock, hangGraceMs: 15_000 }) };
}

describe('renderer watchdog', () => {
  it('reloads a crashed page and counts the attempts', () => {
    const { dog } = watchdog();
    expect(dog.onGone('crashed')).toEqual({ action: 'reload', attempt: 1, why: 'the page crashed' });
    expect(dog.onGone('oom')).toMatchObject({ action: 'reload', attempt: 2, why: 'the page ran out of memory' });
  });

  it('does nothing when the window closed normally', () => {
    expect(watchdog().dog.onGone('clean-exit')).toEqual({ action: 'none' });
  });

  it('gives up with a clear sentence after 5 restarts within 10 minutes', () => {
    const { dog, clock } = watchdog();
    for (let i = 1; i <= 5; i++) {
      expect(dog.onGone('crashed')).toMatchObject({ action: 'reload', attempt: i });
      clock.advance(60_000);
    }
    const last = dog.onGone('killed');
    expect(last.action).toBe('give-up');
    expect(last.action === 'give-up' ? last.message : '').toMatch(
      /customer display stopped working 5 times.*export the logs/,
    );
    // Having given up, it stays quiet instead of flapping.
    expect(dog.onGone('crashed')).toEqual({ action: 'none' });
  });

  it('keeps restarting when the crashes are spread over more than 10 minutes', () => {
    const { dog, clock } = watchdog();
    for (let i = 0; i < 12; i++) {
      expect(dog.onGone('crashed').action).toBe('reload');
      clock.advance(3 * 60_000);
    }
  });

  it('reloads a page that stayed unresponsive past the grace period, not one that recovered', () => {
    const { dog, clock } = watchdog();
    dog.onUnresponsive();
    clock.advance(10_000);
    expect(dog.tick()).toEqual({ action: 'none' });
    dog.onResponsive();
    clock.advance(10_000);
    expect(dog.tick()).toEqual({ action: 'none' });

    dog.onUnresponsive();
    clock.advance(16_000);
    expect(dog.tick()).toEqual({ action: 'reload', attempt: 1, why: 'the page did not respond for 16 s' });
    expect(dog.tick()).toEqual({ action: 'none' });
  });
});
