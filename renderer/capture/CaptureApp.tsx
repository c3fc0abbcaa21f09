/** The capture window: for each USB camera a small preview and a sentence saying what its feed is doing. */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { ConnectionBadge } from '../shared/components/ConnectionBadge.js';
import { ErrorBanner } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import type { CaptureState, FeedState } from './store.js';

function FeedView({ feed }: { readonly feed: FeedState }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = feed.stream;
    if (feed.stream) void video.play().catch(() => undefined);
  }, [feed.stream]);
  return (
    <section className="feed" data-testid="capture-feed" data-camera-id={feed.cameraId} data-phase={feed.phase}>
      <h2>{feed.name}</h2>
      <p className={`capture-status phase-${feed.phase}`} data-testid="capture-feed-status" role="status">
        {feed.message}
      </p>
      <video ref={videoRef} className="capture-preview" muted playsInline aria-label={`What ${feed.name} sees`} />
      <p className="muted counters">
        {feed.framesSent} frames sent · {feed.framesSkipped} skipped while busy · {feed.framesFailed} failed
      </p>
    </section>
  );
}

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
  const feeds = useStore(store, (s) => s.feeds);
  const running = Object.values(feeds);
  // The page's sentence: the one feed's own when there is exactly one (what a one-camera kiosk shows).
  const only = running.length === 1 ? running[0] : undefined;

  return (
    <div className="capture">
      <ErrorBanner status={status} />
      <header className="topbar">
        <h1>Camera feed</h1>
        <ConnectionBadge status={status} />
      </header>
      <main className="content">
        <p
          className={`capture-status phase-${only?.phase ?? phase}`}
          data-testid="capture-status"
          data-phase={only?.phase ?? phase}
          role="status"
        >
          {only?.message ?? message}
        </p>
        {running.map((feed) => (
          <FeedView key={feed.cameraId} feed={feed} />
        ))}
      </main>
    </div>
  );
}
