import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, readdir, readFile, rename, unlink } from "node:fs/promises";
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
 * (`<slot>.steps`), is rewritten by every run that builds, and deleting it is always safe.
 *
 * The file: a header line with the format, eventspec's fingerprint and V8's version, then one
 * record per result (key length, key, value length, value; lengths as 32-bit little-endian), each
 * value serialized on its own so that a run reads only those its steps ask for.
 */
const FORMAT = "eventspec-steps-1";

type Slot = Pick<KeyInputs, "specDir" | "outDir">;

export interface StepCache {
  /** The results of the last run, by key. */
  stored: Map<string, Uint8Array>;
  /** Takes a result of this run: written to the new file at once. */
  add(key: string, bytes: Uint8Array): void;
  /** Puts the new file in place of the old one (a run with spec errors stores results as valid as any). */
  commit(): Promise<void>;
  /** Drops the new file: the run ended in an internal error. */
  abandon(): Promise<void>;
}

/** The step cache of a spec and output folder: what the last run stored, and a writer for this run's. */
export async function openStepCache(folder: string, slot: Slot): Promise<StepCache> {
  const target = stepsFile(folder, slot);
  const header = await headerLine();
  const stored = await readRecords(target, header);
  const aside = `${target}.${process.pid}.tmp`;
  await removeAbandoned(folder, target);
  let fd: number | undefined;
  try {
    await mkdir(folder, { recursive: true });
    fd = openSync(aside, "w");
    writeSync(fd, header);
  } catch {
    fd = undefined;
  }
  // Records are written in batches of a quarter megabyte: few system calls, and little memory held.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (fd === undefined || pending.length === 0) return;
    try {
      const chunk = Buffer.concat(pending, pendingBytes);
      for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
    } catch {
      // The cache is optional: a write that fails (a full disk) leaves the old file in place.
      closeSync(fd);
      fd = undefined;
      void unlink(aside).catch(() => undefined);
    }
    pending = [];
    pendingBytes = 0;
  };
  return {
    stored,
    add(key, bytes) {
      if (fd === undefined) return;
      const name = Buffer.from(key);
      const lengths = Buffer.alloc(4);
      lengths.writeUInt32LE(name.length);
      const valueLength = Buffer.alloc(4);
      valueLength.writeUInt32LE(bytes.length);
      pending.push(lengths, name, valueLength, bytes);
      pendingBytes += 8 + name.length + bytes.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
    },
    async commit() {
      flush();
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      await rename(aside, target).catch(() => unlink(aside).catch(() => undefined));
    },
    async abandon() {
      pending = [];
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      await unlink(aside).catch(() => undefined);
    },
  };
}

const FLUSH_BYTES = 256 * 1024;

/** What the last run stored for a spec and output folder, by key (none when unreadable or from another eventspec). */
export async function storedSteps(folder: string, slot: Slot): Promise<Map<string, Uint8Array>> {
  return readRecords(stepsFile(folder, slot), await headerLine());
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

async function readRecords(file: string, header: string): Promise<Map<string, Uint8Array>> {
  const records = new Map<string, Uint8Array>();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return records;
  }
  if (bytes.subarray(0, Buffer.byteLength(header)).toString() !== header) return records;
  let offset = Buffer.byteLength(header);
  // A truncated record ends the reading: what came before it is whole.
  while (offset + 4 <= bytes.length) {
    const keyLength = bytes.readUInt32LE(offset);
    const keyEnd = offset + 4 + keyLength;
    if (keyEnd + 4 > bytes.length) break;
    const valueLength = bytes.readUInt32LE(keyEnd);
    const valueEnd = keyEnd + 4 + valueLength;
    if (valueEnd > bytes.length) break;
    records.set(bytes.subarray(offset + 4, keyEnd).toString(), bytes.subarray(keyEnd + 4, valueEnd));
    offset = valueEnd;
  }
  return records;
}

function stepsFile(folder: string, slot: Slot): string {
  return entryPath(folder, slot).replace(/\.json$/, ".steps");
}
