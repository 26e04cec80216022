import type { Io } from "../cli.js";

/** `eventspec import canvas <dir> --out <spec-dir>`. */
export async function runImportCommand(argv: readonly string[], io: Io): Promise<number> {
  void argv;
  io.stderr("eventspec import: not available yet.\n");
  return 1;
}
