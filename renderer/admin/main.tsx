/** Entry of the admin (manager) window. */
// First: configures zod before any schema is built (see zod-config.ts).
import '../shared/zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../shared/api/client.js';
import { prepareWindow } from '../shared/boot.js';
import { AdminApp } from './AdminApp.js';
import { createAdminStore } from './store.js';

const root = document.getElementById('root');
if (root) {
  prepareWindow();
  const client = createKioskClient('admin');
  const { store } = createAdminStore(client);
  createRoot(root).render(
    <StrictMode>
      <AdminApp client={client} store={store} />
    </StrictMode>,
  );
}
