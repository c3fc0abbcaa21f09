/**
 * Above the customers: how many customers were enrolled with another face model than the running one and are not
 * recognised until enrolled again (vision.stats). Read again whenever customers change (enrolment, erasure,
 * withdrawal, restore); nothing is shown while the face models load or when nobody needs it.
 */
import { useEffect, useState } from 'react';
import type { ReenrolmentStatus } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';

/** While the face models load, vision.stats is unavailable: asked again this often. */
const RETRY_MS = 5000;

export function ReenrolmentNotice({ client }: { readonly client: KioskClient<'admin'> }) {
  const [status, setStatus] = useState<ReenrolmentStatus | null>(null);
  useEffect(() => {
    let live = true;
    let retry: number | undefined;
    const load = (): void => {
      window.clearTimeout(retry);
      void client.call('vision.stats', {}).then((result) => {
        if (!live) return;
        if (result.ok) setStatus(result.value.reenrolment);
        else if (result.error.code === 'unavailable') retry = window.setTimeout(load, RETRY_MS);
      });
    };
    load();
    const stop = client.on('customers.changed', load);
    return () => {
      live = false;
      window.clearTimeout(retry);
      stop();
    };
  }, [client]);
  if (status === null || status.message === null) return null;
  return (
    <p
      className="banner warn reenrolment-notice"
      role="status"
      data-testid="reenrolment-notice"
      data-count={status.count}
    >
      {status.message}
    </p>
  );
}
