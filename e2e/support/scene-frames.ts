/**
 * Camera frames for the end-to-end scene: a real photo placed on a 640x480 backdrop, as an entrance camera would
 * see a person standing a metre or two away, or an empty entrance. Made in memory from ../shared, never saved.
 */
import sharp from 'sharp';

const WIDTH = 640;
const HEIGHT = 480;
const BACKDROP = { r: 92, g: 96, b: 104 };

export async function emptyEntrance(): Promise<Buffer> {
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: BACKDROP } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The photo scaled to `size` px square, centred on the backdrop. */
export async function personInFrame(photoPath: string, size = 360): Promise<Buffer> {
  const photo = await sharp(photoPath).resize(size, size).toBuffer();
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: BACKDROP } })
    .composite([{ input: photo, left: Math.round((WIDTH - size) / 2), top: Math.round((HEIGHT - size) / 2) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * A person walking in, as a camera films them: each photo held for `framesPerPhoto` frames (a real face changes
 * little from one frame to the next), rather than a different photo on every frame, which no camera produces and
 * which would make the outcome depend on which frames the analyser happens to sample.
 */
export async function walkIn(photoPaths: readonly string[], framesPerPhoto = 10): Promise<Buffer[]> {
  const frames = await Promise.all(photoPaths.map((photo) => personInFrame(photo)));
  return frames.flatMap((frame) => Array.from({ length: framesPerPhoto }, () => frame));
}
