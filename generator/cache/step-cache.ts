import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { mkdir, readdir, rename, unlink } from "node:fs/promises";
import { basename, join } from "node:path";
import { entryPath, generatorFingerprint, type KeyInputs } from "./output-cache.js";

/**
 * The durable steps' results of the last run per spec and output folder (see `rememberedDurably`
 * in model/step-memo.ts): each spec file's parse diagnostics, checks and part of the model, the
 * outputs kept per group or per event, and with `--emit js` each module's JavaScript. A run after
 * one file's edit parses that file alone and emits what depends on it. Every key names its whole
 * input (a file's path and text, an event's or group's content and the catalog's context), so a
 * result is only served for the very same input; the whole file is ignored when eventspec, a
 * library that shapes its output, or V8 changed. It sits beside the output cache's entry
 * (`<slot>.steps`), is rewritten by every run that builds the outputs, and deleting it is always safe.
 *
 * The file: a header line with the format, eventspec's fingerprint and V8's version; the results,
 * each serialized on its own; then an index (JSON: each key with its result's offset and length),
 * its length as a 32-bit little-endian number, and `EVSI`. A run reads the index, then the results
 * its steps ask for, a window of the file at a time: the file is never held whole in memory. A
 * file without its index at the end (cut short) is read as empty.
 */
const FORMAT = "eventspec-steps-2";
const TRAILER = "EVSI";

type Slot = Pick<KeyInputs, "specDir" | "outDir">;

/** The results of the last run, each read from the file when asked for. */
export interface StoredSteps {
  has(key: string): boolean;
  get(key: string): Uint8Array | undefined;
}

export interface StepCache {
  stored: StoredSteps;
  /** Takes a result of this run: written to the new file at once. */
  add(key: string, bytes: Uint8Array): void;
  /** Puts the new file in place of the old one: the run built the outputs. */
  commit(): Promise<void>;
  /** Drops the new file: the run stopped at spec errors (the old file serves the run after the fix) or ended in an internal error. */
  abandon(): Promise<void>;
}

/** The step cache of a spec and output folder: what the last run stored, and a writer for this run's. */
export async function openStepCache(folder: string, slot: Slot): Promise<StepCache> {
  const target = stepsFile(folder, slot);
  const header = await headerLine();
  const previous = readIndex(target, header);
  const aside = `${target}.${process.pid}.tmp`;
  await removeAbandoned(folder, target);
  let fd: number | undefined;
  let offset = 0;
  const index: [string, number, number][] = [];
  try {
    await mkdir(folder, { recursive: true });
    fd = openSync(aside, "w");
    offset = writeSync(fd, header);
  } catch {
    fd = undefined;
  }
  // Results are written in batches of a quarter megabyte: few system calls, and little memory held.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const write = (chunks: Uint8Array[], length: number) => {
    if (fd === undefined) return;
    try {
      const chunk = Buffer.concat(chunks, length);
      for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
    } catch {
      // The cache is optional: a write that fails (a full disk) leaves the old file in place.
      closeSync(fd);
      fd = undefined;
      void unlink(aside).catch(() => undefined);
    }
  };
  const flush = () => {
    write(pending, pendingBytes);
    offset += pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  return {
    stored: previous.stored,
    add(key, bytes) {
      if (fd === undefined) return;
      index.push([key, offset + pendingBytes, bytes.length]);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
    },
    async commit() {
      previous.close();
      flush();
      const json = Buffer.from(JSON.stringify(index));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(json.length);
      write([json, length, Buffer.from(TRAILER)], json.length + 4 + TRAILER.length);
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      await rename(aside, target).catch(() => unlink(aside).catch(() => undefined));
    },
    async abandon() {
      previous.close();
      pending = [];
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      await unlink(aside).catch(() => undefined);
    },
  };
}

const FLUSH_BYTES = 256 * 1024;
const READ_WINDOW = 1024 * 1024;

/** What the last run stored for a spec and output folder, to read without writing a new file (see `warmStepMemo`). */
export async function openStoredSteps(folder: string, slot: Slot): Promise<{ stored: StoredSteps; close(): void }> {
  return readIndex(stepsFile(folder, slot), await headerLine());
}

/** The keys of what the last run stored for a spec and output folder (none when unreadable or from another eventspec). */
export async function storedKeys(folder: string, slot: Slot): Promise<string[]> {
  const previous = readIndex(stepsFile(folder, slot), await headerLine());
  previous.close();
  return previous.keys;
}

async function headerLine(): Promise<string> {
  // Values are in V8's serialization format, which only reads forward: the engine is part of the header.
  return `${FORMAT} ${await generatorFingerprint()} v8-${process.versions.v8}\n`;
}

/** New files of runs that were killed before they could put theirs in place (their process is gone). */
async function removeAbandoned(folder: string, target: string): Promise<void> {
  const prefix = `${basename(target)}.`;
  for (const name of await readdir(folder).catch(() => [])) {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? Number(name.slice(prefix.length, -".tmp".length)) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await unlink(join(folder, name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The index of a step cache file, and its results read on demand; empty when the file is missing, foreign or cut short. */
function readIndex(file: string, header: string): { stored: StoredSteps; keys: string[]; close(): void } {
  const empty = { stored: new Map<string, Uint8Array>(), keys: [], close: () => undefined };
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    const headerBytes = Buffer.byteLength(header);
    const start = Buffer.alloc(headerBytes);
    const tail = Buffer.alloc(8);
    if (size < headerBytes + 8 || readSync(fd, start, 0, headerBytes, 0) !== headerBytes || start.toString() !== header) throw new Error("not this eventspec's");
    if (readSync(fd, tail, 0, 8, size - 8) !== 8 || tail.subarray(4).toString() !== TRAILER) throw new Error("cut short");
    const indexLength = tail.readUInt32LE(0);
    const indexBytes = Buffer.alloc(indexLength);
    if (indexLength > size - headerBytes - 8 || readSync(fd, indexBytes, 0, indexLength, size - 8 - indexLength) !== indexLength) throw new Error("cut short");
    const entries = new Map<string, [number, number]>();
    const limit = size - 8 - indexLength;
    for (const [key, offset, length] of JSON.parse(indexBytes.toString()) as [string, number, number][]) {
      if (offset >= headerBytes && length >= 0 && offset + length <= limit) entries.set(key, [offset, length]);
    }
    const open = fd;
    let closed = false;
    // Steps ask for results in about the order the last run wrote them: one read brings a window
    // of the file, and the next results come from it. A window goes once no result holds on to it.
    let window: { start: number; bytes: Buffer } | undefined;
    return {
      keys: [...entries.keys()],
      stored: {
        has: (key) => !closed && entries.has(key),
        get(key) {
          const place = entries.get(key);
          if (!place || closed) return undefined;
          const [offset, length] = place;
          if (!window || offset < window.start || offset + length > window.start + window.bytes.length) {
            const bytes = Buffer.allocUnsafe(Math.min(Math.max(length, READ_WINDOW), limit - offset));
            if (readSync(open, bytes, 0, bytes.length, offset) !== bytes.length) return undefined;
            window = { start: offset, bytes };
          }
          return window.bytes.subarray(offset - window.start, offset - window.start + length);
        },
      },
      close() {
        if (!closed) closeSync(open);
        closed = true;
      },
    };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return empty;
  }
}

function stepsFile(folder: string, slot: Slot): string {
  return entryPath(folder, slot).replace(/\.json$/, ".steps");
}
