/** Entry of the staff (pickup desk) window. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../shared/api/client.js';
import { prepareWindow } from '../shared/boot.js';
import { StaffApp } from './StaffApp.js';
import { createStaffStore } from './store.js';

const root = document.getElementById('root');
if (root) {
  prepareWindow();
  const client = createKioskClient('staff');
  const { store } = createStaffStore(client, window.localStorage);
  createRoot(root).render(
    <StrictMode>
      <StaffApp client={client} store={store} />
    </StrictMode>,
  );
}
