import { describe, expect, it } from 'vitest';
import { kioskInputVerdict, type KeyInput } from './kiosk-input-filter.js';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  alt: false,
  meta: false,
  shift: false,
  ...mods,
});

describe('kiosk keyboard lock', () => {
  it.each([
    ['Alt+F4 (close the window)', key('F4', { alt: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Cmd+Q (quit on macOS)', key('q', { meta: true })],
    ['Cmd+H (hide on macOS)', key('h', { meta: true })],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['F5 (reload)', key('F5')],
    ['Ctrl+Shift+I (developer tools)', key('I', { control: true, shift: true })],
    ['F12 (developer tools)', key('F12')],
    ['F11 (leave full screen)', key('F11')],
    ['Escape (leave full screen)', key('Escape')],
    ['Alt alone (menu bar)', key('Alt', { alt: true })],
    ['Ctrl+P (print)', key('p', { control: true })],
    ['Ctrl+plus (zoom)', key('+', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['the context menu key', key('ContextMenu')],
    ['a browser back key', key('BrowserBack')],
  ])('blocks %s while locked', (_name, input) => {
    expect(kioskInputVerdict(input, true).block).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['a digit from a barcode scanner', key('7')],
    ['Enter', key('Enter')],
    ['an arrow key', key('ArrowDown')],
  ])('lets %s through', (_name, input) => {
    expect(kioskInputVerdict(input, true).block).toBe(false);
  });

  it('lets everything through once a manager unlocked the display', () => {
    expect(kioskInputVerdict(key('F4', { alt: true }), false).block).toBe(false);
    expect(kioskInputVerdict(key('Escape'), false).block).toBe(false);
  });

  it('blocks the key-up of a blocked shortcut too, and ignores mouse-like events', () => {
    expect(kioskInputVerdict({ ...key('w', { control: true }), type: 'keyUp' }, true).block).toBe(true);
    expect(kioskInputVerdict({ ...key('w', { control: true }), type: 'mouseDown' }, true).block).toBe(false);
  });

  it('says which key it refused', () => {
    expect(kioskInputVerdict(key('F11'), true)).toEqual({ block: true, reason: 'the F11 key' });
  });
});
