import { mkdtemp, readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../generator/cli.js";
import { buildOutputs, type BuildResult } from "../../generator/pipeline.js";

export const REPO = path.resolve(import.meta.dirname, "..", "..");
export const SHIPPED_SPEC = path.join(REPO, "spec");

/** A fresh temporary folder. */
export function temporaryFolder(prefix = "eventspec-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes `{ relativePath: content }` below `directory`. */
export async function writeTree(directory: string, files: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, relative)), { recursive: true });
    await writeFile(path.join(directory, relative), content);
  }
}

/** Reads every file below `directory` into `{ relativePath: content }`, paths sorted. */
export async function readTree(directory: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (relative: string) => {
    for (const entry of (await readdir(path.join(directory, relative), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else result[child] = await readFile(path.join(directory, child), "utf8");
    }
  };
  await walk("");
  return result;
}

/** Runs the pipeline in memory on a spec folder. */
export function build(specDir: string, options: { templatesDir?: string } = {}): Promise<BuildResult> {
  return buildOutputs({ specDir, ...options });
}

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(argv: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), pretty: false, cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The shipped spec plus `extra` files, in a temporary spec folder. */
export async function specWith(extra: Record<string, string>, options: { withoutShipped?: string[] } = {}): Promise<string> {
  const directory = path.join(await temporaryFolder(), "spec");
  await mkdir(directory, { recursive: true });
  for (const name of await readdir(SHIPPED_SPEC)) {
    if (options.withoutShipped?.includes(name)) continue;
    await writeFile(path.join(directory, name), await readFile(path.join(SHIPPED_SPEC, name), "utf8"));
  }
  await writeTree(directory, extra);
  return directory;
}
