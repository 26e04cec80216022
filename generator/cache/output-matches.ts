import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { isOwnedFile } from "../write/owned-files.js";

export function contentHash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("base64");
}

/**
 * Whether the output folder holds exactly the files described by `hashes` (path → content hash) and
 * no other file of eventspec's: what planChanges would call "nothing to write or remove", decided
 * from hashes without the files' contents in memory.
 */
export async function outputMatches(outDir: string, hashes: Readonly<Record<string, string>>): Promise<boolean> {
  const seen = new Set<string>();
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(outDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".eventspec-")) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  try {
    await walk("");
  } catch {
    return false;
  }
  // Read synchronously, and only until a file differs (see write/plan-changes.ts).
  for (const file of files) {
    const expected = hashes[file];
    // A file of ours that the inputs no longer produce would have to be removed.
    if (expected === undefined) {
      if (isOwnedFile(path.join(outDir, file))) return false;
      continue;
    }
    seen.add(file);
    const bytes = readOrNothing(path.join(outDir, file));
    if (bytes === undefined || contentHash(bytes) !== expected) return false;
  }
  return Object.keys(hashes).every((file) => seen.has(file));
}

function readOrNothing(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

