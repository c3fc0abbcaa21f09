/**
 * Command-line options of the Electron shell. Electron and Chromium add switches of their own
 * (`--inspect=0`, `--no-sandbox`, the path of the main script, ...): those are ignored, never an error.
 */

export interface CliOptions {
  /** Camera spec handed to the core: a USB camera, an MJPEG URL or an MJPEG file (see the README). */
  readonly camera: string;
  /** Folder holding the SQLite database and the logs. */
  readonly dataDir: string;
  readonly help: boolean;
}

export type CliParse =
  | { readonly ok: true; readonly options: CliOptions }
  | { readonly ok: false; readonly message: string };

export const DEFAULT_CAMERA = 'usb';

export const USAGE = `Smart Store Kiosk

Usage: smart-store-kiosk [--camera SPEC] [--data-dir DIR]

  --camera SPEC    the entrance camera: "usb" (the default USB camera), "usb:NAME" (a USB camera whose
                   label contains NAME), an http:// MJPEG stream URL, or the path of an .mjpeg file
  --data-dir DIR   where the database and logs are kept (default: the app's user-data folder)
  --help           show this text
`;

const VALUE_OPTIONS = ['--camera', '--data-dir'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}

/** `argv` is everything after the executable; `defaultDataDir` comes from app.getPath('userData'). */
export function parseCliArgs(argv: readonly string[], defaultDataDir: string): CliParse {
  const values: Partial<Record<ValueOption, string>> = {};
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!isValueOption(name)) continue;
    let value: string | undefined;
    if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value.trim() === '' || (eq < 0 && value.startsWith('--'))) {
      return { ok: false, message: `${name} needs a value.\n\n${USAGE}` };
    }
    values[name] = value;
  }
  return {
    ok: true,
    options: {
      camera: values['--camera'] ?? DEFAULT_CAMERA,
      dataDir: values['--data-dir'] ?? defaultDataDir,
      help,
    },
  };
}
