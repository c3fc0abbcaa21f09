/** Entry of the staff (pickup desk) window. */
// First: configures zod before any schema is built (see zod-config.ts).
import '../shared/zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../shared/api/client.js';
import { prepareWindow } from '../shared/boot.js';
import { browserAudioContext, createChime } from './chime.js';
import { StaffApp } from './StaffApp.js';
import { createStaffStore } from './store.js';

const root = document.getElementById('root');
if (root) {
  prepareWindow();
  const client = createKioskClient('staff');
  const { store } = createStaffStore({
    client,
    storage: window.localStorage,
    sound: createChime(browserAudioContext),
  });
  // Any first click unlocks the chime too, in case a clerk starts working without pressing "Start shift".
  document.addEventListener('pointerdown', () => void store.getState().unlockSound(), { once: true });
  createRoot(root).render(
    <StrictMode>
      <StaffApp client={client} store={store} />
    </StrictMode>,
  );
}
