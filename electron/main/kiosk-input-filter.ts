/**
 * The customer display's kiosk lock at the keyboard: a `before-input-event` filter that swallows every key that
 * could leave or change the page (close, quit, reload, developer tools, full-screen toggle, zoom, print, new
 * window, the menu key). Plain keys pass (the page may use arrow keys or a barcode scanner). Operating-system
 * shortcuts that never reach the app (Ctrl+Alt+Del, the Windows key) are the OS kiosk account's job: see
 * "Install in a store" in the README.
 */

/** The fields of Electron's `Input` the filter reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

export type InputVerdict = { readonly block: false } | { readonly block: true; readonly reason: string };

const ALLOWED_PLAIN_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Enter',
  'Tab',
  'Backspace',
  ' ',
  'Shift',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/** Keys that act on the window or browser even without a modifier. */
const WINDOW_KEYS = new Set([
  'Escape',
  'Alt',
  'Meta',
  'ContextMenu',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'Print',
]);

export function kioskInputVerdict(input: KeyInput, locked: boolean): InputVerdict {
  if (!locked) return { block: false };
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown' && input.type !== 'keyUp' && input.type !== 'char') {
    return { block: false };
  }
  if (input.control || input.alt || input.meta) {
    // Ctrl/Alt/Cmd with anything: close (Ctrl+W, Alt+F4, Cmd+Q), reload, devtools, zoom, print, new window, hide.
    return { block: true, reason: 'a shortcut with Ctrl, Alt or Cmd' };
  }
  if (/^F\d{1,2}$/.test(input.key)) return { block: true, reason: `the ${input.key} key` };
  if (WINDOW_KEYS.has(input.key)) return { block: true, reason: `the ${input.key} key` };
  if (input.key.length === 1 || ALLOWED_PLAIN_KEYS.has(input.key)) return { block: false };
  // Anything else unnamed (media keys, launch keys): refuse, the customer display needs none of them.
  return { block: true, reason: `the ${input.key} key` };
}
