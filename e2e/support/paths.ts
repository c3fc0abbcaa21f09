/** Where the end-to-end tests find the built app and the shared test data (never copied into the project). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const LFW = path.join(SHARED_DATA, 'faces', 'identities', 'lfw');
export const WALK_CLIP = path.join(SHARED_DATA, 'video', 'walk_toward_camera_640x480_30fps.mjpeg');
export const SERVER_ENTRY = path.join(REPO_ROOT, 'dist', 'server', 'cli.cjs');

export function lfwPhoto(person: string, index: number): string {
  return path.join(LFW, person, `${person}_${String(index).padStart(4, '0')}.jpg`);
}
