// generate --watch, driven as a user drives it: the real command in a child process, real edits to
// spec files in a temporary folder, a broken intermediate state, and Ctrl-C.
import { spawn } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeSyntheticCatalog } from "../bench/synthetic-catalog.js";
import { readTree, REPO, runCli, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test("watch: edits regenerate, a broken spec keeps the last good output, Ctrl-C leaves nothing behind", async () => {
  const root = await temporaryFolder("eventspec-watch-");
  await cp(SHIPPED_SPEC, path.join(root, "spec"), { recursive: true });
  const child = spawn(process.execPath, [path.join(REPO, "bin", "eventspec.js"), "generate", "--watch"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  const idles = () => stderr.split("watching for changes").length - 1;
  const out = path.join(root, "generated");
  const spec = path.join(root, "spec", "conversation.yaml");
  try {
    await until(() => idles() >= 1, "the first run");
    assert.match(stdout, /^eventspec: 3 events → generated\/: 19 written/);

    await writeFile(spec, (await readFile(spec, "utf8")).replace("The Canvas id of the conversation.", "The id of the conversation, as Canvas writes it."));
    await until(async () => (await readFile(path.join(out, "groups", "conversation.types.ts"), "utf8")).includes("The id of the conversation, as Canvas writes it."), "the edit to reach the types");
    await until(() => idles() >= 2, "the second run to finish");
    const good = await readTree(out);

    // Half-typed: an unknown key. The run reports it and writes nothing.
    await writeFile(spec, (await readFile(spec, "utf8")).replace("group:\n", "group:\n  descripton: half-typed\n"));
    await until(() => stderr.includes("spec/unknown-key"), "the diagnostic");
    await until(() => idles() >= 3, "the broken run to finish");
    assert.match(stderr, /spec\/conversation\.yaml:\d+:\d+ error spec\/unknown-key Unknown key `descripton`/);
    assert.equal(await readTree(out), good, "the last good output is kept");

    await writeFile(spec, (await readFile(spec, "utf8")).replace("  descripton: half-typed\n", "").replace("Events about conversations", "Fixed. Events about conversations"));
    await until(async () => (await readFile(path.join(out, "docs", "conversation.md"), "utf8")).includes("Fixed."), "the fix to reach the docs");
    await until(() => idles() >= 4, "the fixed run to finish");

    // Ctrl-C right after an edit, while that run may be writing.
    await writeFile(spec, (await readFile(spec, "utf8")).replace("Fixed. Events", "Fixed again. Events"));
    await sleep(150);
    child.kill("SIGINT");
    const { code, signal } = await exited;
    assert.is(signal, null);
    assert.is(code, 0, stderr);
    assert.match(stderr, /stopped watching\.\n$/);
    assert.equal((await readdir(out)).filter((name) => name.startsWith(".eventspec-")), [], "no staging folder, commit folder or lock is left");
    // Whatever the last run reached, the output is whole: old or new, never interrupted.
    const check = await runCli(["generate", "--check"], root);
    assert.not.match(check.stderr, /interrupted/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test("watch: Ctrl-C during the first run waits for its commit and leaves nothing behind", async () => {
  const root = await temporaryFolder("eventspec-watch-first-");
  await writeSyntheticCatalog(path.join(root, "spec"), 300);
  const out = path.join(root, "generated");
  const child = spawn(process.execPath, [path.join(REPO, "bin", "eventspec.js"), "generate", "--watch", "--no-cache"], { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  try {
    // The first run is writing: its staging folder or lock stands in the output folder.
    await until(async () => (await readdir(out).catch(() => [])).some((name) => name.startsWith(".eventspec-")), "the first run to start writing", 60_000);
    child.kill("SIGINT");
    const { code, signal } = await exited;
    assert.is(signal, null);
    assert.is(code, 0, stderr);
    assert.not.match(stderr, /watching for changes/);
    assert.match(stderr, /stopped watching\.\n$/);
    assert.equal((await readdir(out)).filter((name) => name.startsWith(".eventspec-")), [], "no staging folder, commit folder or lock is left");
    const check = await runCli(["generate", "--check", "--no-cache"], root);
    assert.is(check.code, 0, check.stderr);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test.run();
