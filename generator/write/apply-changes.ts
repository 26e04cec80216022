import { mkdir, open, readFile, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ChangePlan } from "./plan-changes.js";

const STAGING = ".eventspec-staging";
const COMMITTED = ".eventspec-commit";
const JOURNAL = "journal.json";
const LOCK = ".eventspec-lock";

interface Journal {
  write: string[];
  remove: string[];
}

/**
 * Applies a plan so that an interrupted run never leaves a mix of old and new output:
 *   1. every new file is written and flushed under .eventspec-staging/, with a journal;
 *   2. renaming that folder to .eventspec-commit/ is the commit point;
 *   3. files move into place and stale ones are removed, as the journal says.
 * A run that finds .eventspec-commit/ finishes it first (roll forward); a leftover
 * .eventspec-staging/ was never committed and is dropped (roll back).
 */
export async function applyChanges(outDir: string, plan: ChangePlan): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await withLock(outDir, async () => {
    await recover(outDir);
    if (plan.write.length === 0 && plan.remove.length === 0) return;
    const staging = path.join(outDir, STAGING);
    await rm(staging, { recursive: true, force: true });
    for (const { file } of plan.write) {
      const target = path.join(staging, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeDurably(target, file.content);
    }
    const journal: Journal = { write: plan.write.map(({ file }) => file.path), remove: plan.remove };
    await writeDurably(path.join(staging, JOURNAL), JSON.stringify(journal));
    await rename(staging, path.join(outDir, COMMITTED));
    await finish(outDir);
  });
}

/** Completes or discards what an interrupted run left behind. */
export async function recover(outDir: string): Promise<void> {
  await rm(path.join(outDir, STAGING), { recursive: true, force: true });
  await finish(outDir);
}

async function finish(outDir: string): Promise<void> {
  const committed = path.join(outDir, COMMITTED);
  const text = await readFile(path.join(committed, JOURNAL), "utf8").catch(() => undefined);
  if (text === undefined) return;
  const journal = JSON.parse(text) as Journal;
  for (const relative of journal.write) {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    // Already moved by an earlier, interrupted finish: nothing to do for this file.
    await rename(path.join(committed, relative), target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  for (const relative of journal.remove) {
    await unlink(path.join(outDir, relative)).catch(() => undefined);
    await removeEmptyParents(outDir, path.dirname(relative));
  }
  await rm(committed, { recursive: true, force: true });
}

async function removeEmptyParents(outDir: string, relative: string): Promise<void> {
  let current = relative;
  while (current !== "." && current !== "") {
    // Only folders left empty by our own removals go; rmdir refuses folders holding the user's files.
    const removed = await rmdir(path.join(outDir, current)).then(
      () => true,
      () => false,
    );
    if (!removed) return;
    current = path.dirname(current);
  }
}

async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, "w");
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One writer at a time per output folder; a lock left by a dead process is taken over. */
async function withLock(outDir: string, work: () => Promise<void>): Promise<void> {
  const lock = path.join(outDir, LOCK);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const text = await readFile(lock, "utf8").catch(() => undefined);
      if (text === undefined) continue; // released meanwhile
      const holder = Number(text);
      // An empty lock is one being created right now: wait for it rather than take it over.
      if (text !== "" && !isAlive(holder)) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by process ${holder}; remove it if that process is gone.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
