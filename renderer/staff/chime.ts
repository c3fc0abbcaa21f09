/**
 * The new-ticket chime, made with Web Audio oscillators (no sound file). Browsers only let a page make sound
 * after a person has interacted with it, so `unlock` must be called from a click (the "Start shift" button, or
 * the first click anywhere): from then on every `play` sounds, including the very first ticket's.
 */

export interface Sound {
  /** Call inside a click handler. Resolves true when the page may now play sound. */
  unlock(): Promise<boolean>;
  /** Plays the chime; false when sound is still locked or unavailable (nothing is queued for later). */
  play(): boolean;
}

/** Two rising notes with soft attack and release: audible over a shop, not alarming. */
const NOTES: readonly { hz: number; at: number }[] = [
  { hz: 784, at: 0 },
  { hz: 1175, at: 0.16 },
];
const NOTE_S = 0.35;
const VOLUME = 0.25;

export function createChime(audioContext: () => AudioContext | null): Sound {
  let context: AudioContext | null = null;

  const ready = (): AudioContext | null => (context !== null && context.state === 'running' ? context : null);

  return {
    async unlock() {
      context ??= audioContext();
      if (context === null) return false;
      // resume() must be called synchronously within the gesture; awaiting it afterwards is fine.
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      return context.state === 'running';
    },
    play() {
      const ctx = ready();
      if (ctx === null) return false;
      const start = ctx.currentTime + 0.01;
      for (const note of NOTES) {
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = note.hz;
        gain.gain.setValueAtTime(0, start + note.at);
        gain.gain.linearRampToValueAtTime(VOLUME, start + note.at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.001, start + note.at + NOTE_S);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(start + note.at);
        oscillator.stop(start + note.at + NOTE_S + 0.05);
      }
      return true;
    },
  };
}

/** The browser's AudioContext, or null where there is none. */
export function browserAudioContext(): AudioContext | null {
  return typeof AudioContext === 'function' ? new AudioContext() : null;
}
