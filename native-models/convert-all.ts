/**
 * `npm run models [-- --force]`: converts human's TF.js face models (blazeface, faceres, emotion, antispoof,
 * liveness) and face-api's dlib ResNet recogniser (dlibres) to ONNX in native-models/out/, with manifest.json.
 * Only missing or stale outputs are rebuilt, so postinstall runs it on every install. Progress on stderr; exits 1 with the reason on failure.
 */
import { convertModels, DEFAULT_OUT_DIR } from './src/convert-models.js';

function main(): void {
  const force = process.argv.includes('--force');
  const quiet = process.argv.includes('--quiet');
  const started = performance.now();
  const report = convertModels({
    force,
    progress: (line) => {
      if (!quiet || !line.endsWith('up to date')) process.stderr.write(`[models] ${line}\n`);
    },
  });
  const ms = Math.round(performance.now() - started);
  if (report.converted.length > 0 || !quiet) {
    process.stderr.write(
      `[models] ${report.converted.length} converted, ${report.upToDate.length} up to date` +
        `${report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : ''} in ${DEFAULT_OUT_DIR} (${ms} ms)\n`,
    );
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`[models] conversion failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
