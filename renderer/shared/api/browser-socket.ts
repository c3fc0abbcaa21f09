/** Adapts the browser's WebSocket to the small socket interface the WebSocket transport is written against. */
import type { SocketFactory } from './ws-transport.js';

export const openBrowserSocket: SocketFactory = (url, handlers) => {
  let closedOnce = false;
  const closeOnce = (): void => {
    if (closedOnce) return;
    closedOnce = true;
    handlers.onClose();
  };
  let socket: WebSocket;
  try {
    socket = new WebSocket(url);
  } catch {
    // A malformed URL throws synchronously; report it like any failed connection, after the caller has its handle.
    queueMicrotask(closeOnce);
    return { send: () => undefined, close: () => undefined, bufferedAmount: () => 0 };
  }
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onText(event.data);
  });
  // 'error' is always followed by 'close' in browsers; listening to both guards against engines that skip one.
  socket.addEventListener('error', closeOnce);
  socket.addEventListener('close', closeOnce);
  return {
    send(data) {
      if (socket.readyState === WebSocket.OPEN) socket.send(data);
    },
    close() {
      socket.close();
    },
    bufferedAmount: () => socket.bufferedAmount,
  };
};
