/**
 * Hardening applied to every webContents and to the session: no navigation away from the page, no new
 * windows, no webviews, and no browser permission except the camera for the capture and admin windows.
 */
import type { App, Session } from 'electron';
import type { Logger } from '../core/logger.js';
import { isSamePageNavigation, originOf } from './app-origin.js';
import { mayGrantPermission } from './permissions.js';
import type { WindowRegistry } from './window-registry.js';

export interface SecurityDeps {
  readonly app: App;
  readonly session: Session;
  readonly registry: WindowRegistry;
  readonly logger: Logger;
}

export function installSecurity({ app, session, registry, logger }: SecurityDeps): void {
  app.on('web-contents-created', (_created, contents) => {
    const refuseUnlessSamePage = (event: { preventDefault(): void }, url: string, kind: string): void => {
      if (isSamePageNavigation(contents.getURL(), url)) return;
      event.preventDefault();
      logger.warn(`refused ${kind}`, { url: url.slice(0, 300) });
    };
    contents.on('will-navigate', (event, url) => refuseUnlessSamePage(event, url, 'a navigation'));
    contents.on('will-redirect', (event, url) => refuseUnlessSamePage(event, url, 'a redirect'));
    contents.setWindowOpenHandler(({ url }) => {
      logger.warn('refused to open a new window', { url: url.slice(0, 300) });
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('refused to attach a webview');
    });
  });

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
    const granted =
      details.isMainFrame &&
      mayGrantPermission({
        role: registry.roleOf(contents.id),
        permission,
        // Chromium hands over the origin as a URL ("app://kiosk/"); originOf normalises it for the exact check.
        origin: originOf(securityOrigin ?? details.requestingUrl),
        mediaTypes,
      });
    if (!granted) logger.warn('denied a permission request', { permission, role: registry.roleOf(contents.id) });
    callback(granted);
  });

  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    mayGrantPermission({
      role: contents === null ? null : registry.roleOf(contents.id),
      permission,
      origin: originOf(details.securityOrigin ?? requestingOrigin),
      mediaTypes: details.mediaType === undefined ? [] : [details.mediaType],
    }),
  );

  // WebHID, Web Serial, WebUSB: never.
  session.setDevicePermissionHandler(() => false);
}
