/** Command-line options shared by the eval tools: `--name value` pairs and flags, with a sentence on misuse. */
import { isRecogniser, RECOGNISERS, type Recogniser } from '../../electron/core/vision/onnx/onnx-engine.js';
import { isBackend, type Backend } from '../../electron/core/vision/worker-pool/engine-factory.js';

export class UsageError extends Error {}

export function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value.`);
  return value;
}

export function backendOption(argv: readonly string[], fallback: Backend): Backend {
  const value = option(argv, '--backend') ?? fallback;
  if (!isBackend(value)) throw new UsageError(`--backend must be onnx or human, not '${value}'.`);
  return value;
}

/** `--recogniser dlib|faceres` (onnx only); absent: the engine's default. */
export function recogniserOption(argv: readonly string[]): Recogniser | undefined {
  const value = option(argv, '--recogniser');
  if (value === undefined) return undefined;
  if (!isRecogniser(value)) throw new UsageError(`--recogniser must be ${RECOGNISERS.join(' or ')}, not '${value}'.`);
  return value;
}

export function countOption(argv: readonly string[], name: string): number | undefined {
  const value = option(argv, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of at least 1.`);
  return n;
}
