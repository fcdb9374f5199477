// The document a launch asks to open: `kfp-studio path/to/x.pipeline.json`, a double-click (the OS passes the path),
// or a second launch forwarding its arguments to the running app.
import path from 'node:path';

/** The last argument naming a `.json` file (flags and Electron's own arguments are skipped), made absolute. */
export function documentFromArgv(argv: readonly string[], workingDirectory: string): string | undefined {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (arg === undefined || arg.startsWith('-') || arg.includes('\0')) continue;
    if (arg.toLowerCase().endsWith('.json')) return path.resolve(workingDirectory, arg);
  }
  return undefined;
}
