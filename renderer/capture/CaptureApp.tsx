/** The capture window: a small preview and a sentence saying what the USB camera feed is doing. */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { ConnectionBadge } from '../shared/components/ConnectionBadge.js';
import { ErrorBanner } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import type { CaptureState } from './store.js';

export function CaptureApp({
  client,
  store,
}: {
  readonly client: KioskClient<'capture'>;
  readonly store: StoreApi<CaptureState>;
}) {
  const status = useConnection(client.connection);
  const phase = useStore(store, (s) => s.phase);
  const message = useStore(store, (s) => s.message);
  const stream = useStore(store, (s) => s.stream);
  const sent = useStore(store, (s) => s.framesSent);
  const skipped = useStore(store, (s) => s.framesSkipped);
  const failed = useStore(store, (s) => s.framesFailed);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  return (
    <div className="capture">
      <ErrorBanner status={status} />
      <header className="topbar">
        <h1>Camera feed</h1>
        <ConnectionBadge status={status} />
      </header>
      <main className="content">
        <p className={`capture-status phase-${phase}`} data-testid="capture-status" data-phase={phase} role="status">
          {message}
        </p>
        <video ref={videoRef} className="capture-preview" muted playsInline aria-label="What the camera sees" />
        <p className="muted counters">
          {sent} frames sent · {skipped} skipped while busy · {failed} failed
        </p>
      </main>
    </div>
  );
}
