/**
 * The clerk's name and "Start shift": the click that lets the browser play the new-ticket chime from the very
 * first ticket (browsers refuse sound before a person has interacted with the page).
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { StaffState } from './store.js';

export function ShiftBar({ store }: { readonly store: StoreApi<StaffState> }) {
  const clerk = useStore(store, (s) => s.clerk);
  const setClerk = useStore(store, (s) => s.setClerk);
  const started = useStore(store, (s) => s.shiftStarted);
  const soundOn = useStore(store, (s) => s.soundOn);
  const startShift = useStore(store, (s) => s.startShift);
  return (
    <form
      className="shift-bar"
      onSubmit={(event) => {
        event.preventDefault();
        void startShift();
      }}
    >
      <label className="clerk-field">
        Clerk:
        <input
          type="text"
          data-testid="clerk-name"
          value={clerk}
          maxLength={60}
          placeholder="Your name"
          autoComplete="off"
          onChange={(event) => setClerk(event.target.value)}
        />
      </label>
      {started ? (
        <span
          className={soundOn ? 'badge ok' : 'badge warn'}
          data-testid="sound-state"
          data-sound={soundOn ? 'on' : 'off'}
        >
          {soundOn ? 'On shift · sound on' : 'On shift · sound blocked by the browser'}
        </span>
      ) : (
        <button type="submit" data-testid="start-shift">
          Start shift
        </button>
      )}
    </form>
  );
}
