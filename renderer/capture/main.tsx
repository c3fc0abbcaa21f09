/** Entry of the capture window (USB camera to core). */
// First: configures zod before any schema is built (see zod-config.ts).
import '../shared/zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../shared/api/client.js';
import { prepareWindow } from '../shared/boot.js';
import { CaptureApp } from './CaptureApp.js';
import { startCapture } from './capture-loop.js';
import { createCaptureStore } from './store.js';

const root = document.getElementById('root');
if (root) {
  prepareWindow();
  const client = createKioskClient('capture');
  const store = createCaptureStore();
  // Started outside React so StrictMode's double effects can never open the camera twice.
  startCapture(client, store);
  createRoot(root).render(
    <StrictMode>
      <CaptureApp client={client} store={store} />
    </StrictMode>,
  );
}
