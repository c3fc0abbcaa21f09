import { describe, expect, it } from 'vitest';
import type { DisplayInfo } from '../contract/desktop.js';
import { placeWindows, toDisplayInfo } from './display-placement.js';

const screen = (id: number, x: number, primary = false): DisplayInfo => ({
  id,
  label: `Screen ${id}`,
  primary,
  bounds: { x, y: 0, width: 1920, height: 1080 },
});

const laptop = screen(1, 0, true);
const entrance = screen(2, 1920);
const counter = screen(3, 3840);

describe('window placement', () => {
  it('puts the customer display on the screen the manager chose, and staff on the primary screen', () => {
    const placement = placeWindows([laptop, entrance, counter], 3);
    expect(placement.customer?.id).toBe(3);
    expect(placement.staff?.id).toBe(1);
    expect(placement.customerFullScreen).toBe(true);
    expect(placement.note).toBeNull();
  });

  it('uses the first screen that is not the primary one when nothing was chosen', () => {
    const placement = placeWindows([laptop, entrance], null);
    expect(placement.customer?.id).toBe(2);
    expect(placement.staff?.id).toBe(1);
  });

  it('moves staff off the primary screen when the manager put the customer display there', () => {
    const placement = placeWindows([laptop, entrance], 1);
    expect(placement.customer?.id).toBe(1);
    expect(placement.staff?.id).toBe(2);
  });

  it('follows a chosen screen being unplugged, says so, and goes back when it returns', () => {
    const unplugged = placeWindows([laptop, entrance], 3);
    expect(unplugged.customer?.id).toBe(2);
    expect(unplugged.note).toMatch(/not connected/);
    const back = placeWindows([laptop, entrance, counter], 3);
    expect(back.customer?.id).toBe(3);
    expect(back.note).toBeNull();
  });

  it('shares a single screen without going full-screen over the staff window', () => {
    const placement = placeWindows([laptop], null);
    expect(placement.customer?.id).toBe(1);
    expect(placement.staff?.id).toBe(1);
    expect(placement.customerFullScreen).toBe(false);
  });

  it('places nothing when no screen is known', () => {
    expect(placeWindows([], 2)).toEqual({ customer: null, staff: null, customerFullScreen: false, note: null });
  });

  it('takes the first screen as primary when none is marked', () => {
    const placement = placeWindows([screen(7, 0), screen(8, 1920)], null);
    expect(placement.customer?.id).toBe(8);
    expect(placement.staff?.id).toBe(7);
  });

  it('describes an Electron display with its size and a label, rounding fractional bounds', () => {
    const info = toDisplayInfo({ id: 9, label: '', bounds: { x: 0.4, y: 0, width: 1279.6, height: 720 } }, 9, 0);
    expect(info).toEqual({
      id: 9,
      label: 'Screen 1 (1280×720)',
      primary: true,
      bounds: { x: 0, y: 0, width: 1280, height: 720 },
    });
  });
});
