/**
 * Where each window goes, from the screens connected now and the manager's choice: the customer display
 * full-screen on the chosen screen (by display id), else on the first screen that is not the primary one; the
 * staff and admin windows on another screen when there is one. Pure: the shell calls it at start and whenever a
 * screen is added, removed or changes, and moves the windows to the answer.
 */
import type { DisplayInfo } from '../contract/desktop.js';

export interface Placement {
  /** The screen of the customer display, null when no screen is known. */
  readonly customer: DisplayInfo | null;
  /** The screen of the staff and admin windows. */
  readonly staff: DisplayInfo | null;
  /** The customer display covers a screen alone only when there are two or more; with one, the staff window shares it. */
  readonly customerFullScreen: boolean;
  /** Set when the chosen screen is not connected: a sentence for the admin window and the log. */
  readonly note: string | null;
}

export function placeWindows(displays: readonly DisplayInfo[], chosenCustomerDisplayId: number | null): Placement {
  if (displays.length === 0) return { customer: null, staff: null, customerFullScreen: false, note: null };
  const primary = displays.find((display) => display.primary) ?? displays[0] ?? null;
  const chosen = chosenCustomerDisplayId === null ? undefined : displays.find((d) => d.id === chosenCustomerDisplayId);
  const fallback = displays.find((display) => display.id !== primary?.id) ?? primary;
  const customer = chosen ?? fallback;
  const note =
    chosenCustomerDisplayId !== null && chosen === undefined
      ? `The chosen customer screen (${chosenCustomerDisplayId}) is not connected; the customer display is on "${customer?.label ?? 'the only screen'}" until it returns.`
      : null;
  // Staff prefer the primary screen, unless the customer display took it; then any other screen.
  const staff =
    primary !== null && primary.id !== customer?.id
      ? primary
      : (displays.find((d) => d.id !== customer?.id) ?? customer);
  return { customer, staff, customerFullScreen: displays.length > 1, note };
}

/** Electron's Display, reduced to what the placement and the admin window need. */
export function toDisplayInfo(
  display: { id: number; label?: string; bounds: { x: number; y: number; width: number; height: number } },
  primaryId: number,
  index: number,
): DisplayInfo {
  const bounds = {
    x: Math.round(display.bounds.x),
    y: Math.round(display.bounds.y),
    width: Math.max(1, Math.round(display.bounds.width)),
    height: Math.max(1, Math.round(display.bounds.height)),
  };
  const label = display.label !== undefined && display.label !== '' ? display.label : `Screen ${index + 1}`;
  return {
    id: display.id,
    label: `${label} (${bounds.width}×${bounds.height})`.slice(0, 200),
    primary: display.id === primaryId,
    bounds,
  };
}
