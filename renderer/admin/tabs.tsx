/**
 * The admin window's sections, as tabs. A feature adds its section by appending one entry here (its component
 * lives in its own file), so features never edit each other's screens.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { AccountsSection } from './AccountsSection.js';
import { BackupsSection } from './BackupsSection.js';
import { BoardSettingsSection } from './BoardSettingsSection.js';
import { CameraPanel } from './CameraPanel.js';
import { CloudSection } from './CloudSection.js';
import { CamerasSection } from './CamerasSection.js';
import { CustomerDetail } from './CustomerDetail.js';
import { CustomerList } from './CustomerList.js';
import { KioskSection } from './KioskSection.js';
import { PrivacySection } from './PrivacySection.js';
import { ReenrolmentNotice } from './ReenrolmentNotice.js';
import { ReportsSection } from './ReportsSection.js';
import { SyncSection } from './SyncSection.js';
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
    render: ({ client, store }) => (
      <>
        <ReenrolmentNotice client={client} />
        <div className="workspace">
          <CameraPanel store={store} />
          <CustomerList store={store} />
          <CustomerDetail store={store} client={client} />
        </div>
      </>
    ),
  },
  { id: 'reports', label: 'Reports', render: (props) => <ReportsSection {...props} /> },
  { id: 'privacy', label: 'Privacy', render: (props) => <PrivacySection {...props} /> },
  { id: 'accounts', label: 'Accounts & audit log', render: (props) => <AccountsSection {...props} /> },
  { id: 'backups', label: 'Backups', render: (props) => <BackupsSection {...props} /> },
  { id: 'cameras', label: 'Cameras', render: ({ client }) => <CamerasSection client={client} /> },
  { id: 'board', label: 'Pickup board', render: ({ client }) => <BoardSettingsSection client={client} /> },
  { id: 'sync', label: 'Chain sync', render: ({ client }) => <SyncSection client={client} /> },
  { id: 'kiosk', label: 'Kiosk & tablets', render: ({ client }) => <KioskSection client={client} /> },
  { id: 'cloud', label: 'Cloud matching', render: ({ client }) => <CloudSection client={client} /> },
];
