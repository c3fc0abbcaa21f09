/**
 * Child process of the `cameras` bench section: N local MJPEG cameras streaming the shared clip. They run in their
 * own process, as real cameras are their own devices: the face engine blocking the bench's event loop must not
 * slow the cameras down. Prints one JSON line `{ "urls": [...] }`, then serves until killed.
 */
import fs from 'node:fs';
import { startMjpegServer } from '../../e2e/support/mjpeg-server.js';
import { splitJpegs } from '../../electron/core/camera/jpeg-splitter.js';

const [clip, countText, fpsText] = process.argv.slice(2);
if (clip === undefined || countText === undefined || fpsText === undefined) {
  console.error('usage: camera-servers <clip.mjpeg> <count> <fps>');
  process.exit(2);
}
// Every other frame of the 30 fps clip: the scene moves at real speed when served at 10-15 fps.
const frames = splitJpegs(fs.readFileSync(clip)).filter((_, i) => i % 2 === 0);
const servers = await Promise.all(
  Array.from({ length: Number(countText) }, () => startMjpegServer({ frames, fps: Number(fpsText) })),
);
process.stdout.write(`${JSON.stringify({ urls: servers.map((s) => s.url) })}\n`);
