/** Entry of the customer display window. */
// First: configures zod before any schema is built (see zod-config.ts).
import '../shared/zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../shared/api/client.js';
import { prepareWindow } from '../shared/boot.js';
import { CustomerApp } from './CustomerApp.js';
import { createCustomerStore } from './store.js';

const root = document.getElementById('root');
if (root) {
  prepareWindow();
  const client = createKioskClient('customer');
  const { store } = createCustomerStore(client);
  createRoot(root).render(
    <StrictMode>
      <CustomerApp client={client} store={store} />
    </StrictMode>,
  );
}
