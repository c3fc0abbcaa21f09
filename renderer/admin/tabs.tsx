/**
 * The admin window's sections, as tabs. A feature adds its section by appending one entry here (its component
 * lives in its own file), so features never edit each other's screens.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { CameraPanel } from './CameraPanel.js';
import { CustomerDetail } from './CustomerDetail.js';
import { CustomerList } from './CustomerList.js';
import type { AdminState } from './store.js';

export interface AdminTabProps {
  readonly client: KioskClient<'admin'>;
  readonly store: StoreApi<AdminState>;
}

export interface AdminTab {
  /** Stable id, also the tab's test id suffix (`tab-<id>`). */
  readonly id: string;
  readonly label: string;
  readonly render: (props: AdminTabProps) => ReactElement;
}

export const ADMIN_TABS: readonly AdminTab[] = [
  {
    id: 'customers',
    label: 'Customers & enrolment',
    render: ({ store }) => (
      <div className="workspace">
        <CameraPanel store={store} />
        <CustomerList store={store} />
        <CustomerDetail store={store} />
      </div>
    ),
  },
];
