import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mapInBatches } from "../write/in-batches.js";
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
  const verdicts = await mapInBatches(files, async (file) => {
    const expected = hashes[file];
    // A file of ours that the inputs no longer produce would have to be removed.
    if (expected === undefined) return !(await isOwnedFile(path.join(outDir, file)));
    seen.add(file);
    const bytes = await readFile(path.join(outDir, file)).catch(() => undefined);
    return bytes !== undefined && contentHash(bytes) === expected;
  });
  return verdicts.every(Boolean) && Object.keys(hashes).every((file) => seen.has(file));
}

