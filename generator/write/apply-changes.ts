import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "../emit/output-file.js";
import { mapInBatches } from "./in-batches.js";
import { planChanges, type ChangePlan } from "./plan-changes.js";

const STAGING = ".eventspec-staging";
const COMMITTED = ".eventspec-commit";
const JOURNAL = "journal.json";
const LOCK = ".eventspec-lock";

/** How long a run waits for another run on the same output folder before giving up. */
export const LOCK_TIMEOUT_MS = 60_000;

const INTERRUPTED = "interrupted";

interface Journal {
  write: string[];
  remove: string[];
  /**
   * The entry modules (index.ts, index.js, index.d.ts) a consumer imports. They are replaced by
   * stand-ins from `interrupted/` first and get their real content last, so a folder left half
   * written fails the consumer's build and throws at import, naming the fix, instead of mixing
   * two versions silently.
   */
  entries?: string[];
}

/** The entry modules of an output folder: what consumers import. */
const ENTRY_FILE = /^index\.(?:d\.ts|ts|js|mjs)$/;

/** Another live process holds the output folder's lock for longer than LOCK_TIMEOUT_MS. */
export class LockTimeoutError extends Error {
  constructor(
    readonly lock: string,
    readonly holder: string,
  ) {
    super(`${lock} is held by process ${holder}`);
    this.name = "LockTimeoutError";
  }
}

/**
 * Writes the generated files into `outDir`, holding its lock from reading the folder to the end,
 * so that two runs at once apply one whole plan after the other (the last one wins, whole), and
 * returns the plan that was applied. `beforeCommit` sees the plan before anything is written.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[], beforeCommit?: (plan: ChangePlan) => Promise<void>): Promise<ChangePlan> {
  await mkdir(outDir, { recursive: true });
  return withLock(outDir, async () => {
    await recover(outDir);
    const plan = await planChanges(outDir, files);
    // What the plan read (the files about to be replaced) serves the caller too, e.g. as a baseline.
    await beforeCommit?.(plan);
    await commit(outDir, plan);
    return plan;
  });
}

/**
 * Applies a plan made earlier. Prefer writeOutputs, which plans under the lock: a plan made
 * outside it may be out of date by the time it is applied.
 */
export async function applyChanges(outDir: string, plan: ChangePlan): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await withLock(outDir, async () => {
    await recover(outDir);
    await commit(outDir, plan);
  });
}

/**
 * Applies a plan so that an interrupted run never leaves a mix of old and new output unnoticed:
 *   1. every new file is written and flushed under .eventspec-staging/, with a journal;
 *   2. renaming that folder to .eventspec-commit/ is the commit point;
 *   3. files move into place and stale ones are removed, as the journal says; the journal goes
 *      last, then the folder.
 * A run killed before step 2 leaves the old output untouched (and a staging folder that the next
 * run drops); one killed after it leaves .eventspec-commit/, which the next run, or `--check`,
 * finds and completes first (roll forward). POSIX has no way to replace several files at once,
 * so between a kill in step 3 and the next run the folder holds a mix, always next to the journal
 * that completes it; step 3 first puts stand-ins in place of the entry modules (index.ts...) and
 * their real content last, so a consumer's build fails on such a folder instead of using it.
 */
async function commit(outDir: string, plan: ChangePlan): Promise<void> {
  if (plan.write.length === 0 && plan.remove.length === 0) return;
  const staging = path.join(outDir, STAGING);
  await rm(staging, { recursive: true, force: true });
  try {
    // Entry modules go through every commit, changed or not, so their stand-ins can cover the window.
    const entries: OutputFile[] = [];
    for (const { file } of plan.write) if (ENTRY_FILE.test(file.path)) entries.push(file);
    for (const unchanged of plan.unchanged) if (ENTRY_FILE.test(unchanged)) entries.push({ path: unchanged, content: await readFile(path.join(outDir, unchanged), "utf8") });
    const writes = [...plan.write.map(({ file }) => file).filter((file) => !ENTRY_FILE.test(file.path)), ...entries];
    // Many files at once: each is flushed, and the disk serves the flushes together. A file
    // whose bytes another one of this commit already has (the site's copy of each event schema)
    // is a hard link to it: nothing more to write or flush.
    const firstWithContent = new Map<string, string>();
    const originals: { target: string; content: string }[] = [];
    const copies: { target: string; original: string; content: string }[] = [];
    for (const file of writes) {
      const target = path.join(staging, file.path);
      const original = firstWithContent.get(file.content);
      if (original === undefined) {
        firstWithContent.set(file.content, target);
        originals.push({ target, content: file.content });
      } else copies.push({ target, original, content: file.content });
    }
    await mapInBatches(originals, async ({ target, content }) => {
      await mkdir(path.dirname(target), { recursive: true });
      await writeDurably(target, content);
    });
    await mapInBatches(copies, async ({ target, original, content }) => {
      await mkdir(path.dirname(target), { recursive: true });
      // Where the file system has no hard links, the copy is written like any other file.
      await link(original, target).catch(() => writeDurably(target, content));
    });
    for (const entry of entries) {
      const target = path.join(staging, INTERRUPTED, entry.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeDurably(target, interruptedStandIn(entry));
    }
    const journal: Journal = { write: writes.map((file) => file.path), remove: plan.remove, entries: entries.map((file) => file.path) };
    await writeDurably(path.join(staging, JOURNAL), JSON.stringify(journal));
    await syncFolder(staging);
  } catch (error) {
    // Nothing is committed yet: leave the output folder as it was.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  await rename(staging, path.join(outDir, COMMITTED));
  await syncFolder(outDir);
  await finish(outDir);
}

/**
 * What an entry module holds while the folder is being changed: its own banner (so it stays
 * eventspec's), no exports (a consumer's tsc fails on every import from it), and a throw at load.
 */
export function interruptedStandIn(entry: OutputFile): string {
  const banner = /^(?:\/\*[\s\S]*?\*\/\n|(?:\/\/[^\n]*\n)+)/.exec(entry.content)?.[0] ?? "";
  const why = "eventspec is writing this folder, or a run was interrupted while writing it: its files may mix two versions. Run `eventspec generate` (or `eventspec generate --check`) to complete it.";
  const body = entry.path.endsWith(".d.ts") ? "export {};\n" : `throw new Error(${JSON.stringify(why)});\nexport {};\n`;
  return `${banner}\n// ${why}\n${body}`;
}

/** Completes or discards what an interrupted run left behind. */
export async function recover(outDir: string): Promise<void> {
  await rm(path.join(outDir, STAGING), { recursive: true, force: true });
  await finish(outDir);
}

/** Whether an interrupted run left a committed change that the next run will complete. */
export async function hasPendingCommit(outDir: string): Promise<boolean> {
  return (await readFile(path.join(outDir, COMMITTED, JOURNAL), "utf8").catch(() => undefined)) !== undefined;
}

async function finish(outDir: string): Promise<void> {
  const committed = path.join(outDir, COMMITTED);
  const text = await readFile(path.join(committed, JOURNAL), "utf8").catch(() => undefined);
  if (text === undefined) {
    // A commit folder without its journal is one whose moves were all done when the run was
    // interrupted while deleting it (the journal goes first): only the empty shell is left.
    await rm(committed, { recursive: true, force: true });
    return;
  }
  const journal = JSON.parse(text) as Journal;
  const entries = journal.entries ?? [];
  const move = async (from: string, relative: string) => {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    // Already moved by an earlier, interrupted finish: nothing to do for this file.
    await rename(from, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  };
  for (const relative of entries) await move(path.join(committed, INTERRUPTED, relative), relative);
  await mapInBatches(
    journal.write.filter((relative) => !entries.includes(relative)),
    (relative) => move(path.join(committed, relative), relative),
  );
  for (const relative of journal.remove) {
    await unlink(path.join(outDir, relative)).catch(() => undefined);
    await removeEmptyParents(outDir, path.dirname(relative));
  }
  await syncFolder(outDir);
  // Last, the real entry modules: from here on the folder is one whole version.
  for (const relative of entries) await move(path.join(committed, relative), relative);
  await syncFolder(outDir);
  await unlink(path.join(committed, JOURNAL));
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

/** Flushes a folder's entries (renames, new files) to disk; a no-op where folders cannot be opened. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r").catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * One writer at a time per output folder. The lock file appears whole, holding its owner's pid
 * and a token (it is written aside and hard-linked into place). A lock whose process is gone is
 * moved aside before it is deleted, so two runs that find the same dead lock cannot both take
 * it over; each run releases only a lock that still holds its own token.
 */
async function withLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(outDir, LOCK);
  const token = `${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  await cleanLockLeftovers(outDir);
  for (;;) {
    const aside = `${lock}.${randomUUID()}`;
    await writeFile(aside, token);
    let taken = false;
    try {
      await link(aside, lock);
      taken = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await unlink(aside).catch(() => undefined);
    }
    if (taken) break;
    const text = await readFile(lock, "utf8").catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    const holder = Number(text.split(" ")[0]);
    if (!isAlive(holder)) {
      await breakStaleLock(lock, text);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lock, String(holder));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  try {
    return await work();
  } finally {
    const text = await readFile(lock, "utf8").catch(() => undefined);
    if (text === token) await unlink(lock).catch(() => undefined);
  }
}

async function breakStaleLock(lock: string, seen: string): Promise<void> {
  const aside = `${lock}.stale-${randomUUID()}`;
  try {
    await rename(lock, aside);
  } catch {
    return; // another run moved it first
  }
  const text = await readFile(aside, "utf8").catch(() => undefined);
  // Between reading the dead lock and moving it, another run may have broken it and taken a fresh
  // one: that one is live, so put it back.
  if (text !== undefined && text !== seen) await link(aside, lock).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Lock files written aside by runs killed before they could delete them. */
async function cleanLockLeftovers(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of entries) {
    if (!name.startsWith(`${LOCK}.`)) continue;
    // A fresh one may belong to a run taking the lock right now; a minute-old one is a leftover.
    const info = await stat(path.join(outDir, name)).catch(() => undefined);
    if (info && now - info.mtimeMs > 60_000) await unlink(path.join(outDir, name)).catch(() => undefined);
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
