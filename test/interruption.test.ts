// Output that survives interruption: the real command, in child processes, killed with SIGKILL at
// random moments while it writes a large catalog; two and three runs at once on one output
// folder; and the user's files in the output folder, which are never touched.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeSyntheticCatalog } from "../bench/synthetic-catalog.js";
import { interruptedStandIn, recover } from "../generator/write/apply-changes.js";
import { hasBanner } from "../generator/write/owned-files.js";
import { build, readTree, REPO, runCli, temporaryFolder, writeTree } from "./helpers/generate.js";

/** SIGKILLs in the kill test, over all lanes. */
export const KILL_RUNS = 24;
/** Kill runs go in this many independent output folders at once (the machine has two cores). */
const LANES = 2;
/** The two spec versions the runs alternate between: the old output and the new one differ in every file, and the smaller one removes files. */
const OLD_EVENTS = 100;
const NEW_EVENTS = 75;

const USER_FILES = {
  "README.md": "# Generated code\n\nOurs: eventspec must never touch this file.\n",
  ".gitkeep": "",
  "docs/notes.md": "Our notes, next to the generated docs.\n",
  "schema/keep/.gitkeep": "",
};

type Tree = Record<string, string>;

/** Output folder contents, without eventspec's own bookkeeping (lock, staging, commit journal). */
function visible(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).filter(([file]) => !file.split("/").some((part) => part.startsWith(".eventspec-"))));
}

function same(a: Tree, b: Tree): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

function describeDifference(actual: Tree, expected: Tree): string {
  const missing = Object.keys(expected).filter((key) => !(key in actual));
  const extra = Object.keys(actual).filter((key) => !(key in expected));
  const changed = Object.keys(expected).filter((key) => key in actual && actual[key] !== expected[key]);
  return `missing ${missing.length} (${missing.slice(0, 3).join(", ")}), extra ${extra.length} (${extra.slice(0, 3).join(", ")}), changed ${changed.length} (${changed.slice(0, 3).join(", ")})`;
}

interface Versions {
  root: string;
  specs: [string, string];
  outputs: [Tree, Tree];
}

let versions: Versions | undefined;

/** Two spec folders (old, new) and the complete output folder each one gives, user's files included. */
async function specVersions(): Promise<Versions> {
  if (versions) return versions;
  const root = await temporaryFolder("eventspec-interruption-");
  const specs: [string, string] = [path.join(root, "spec-old"), path.join(root, "spec-new")];
  await writeSyntheticCatalog(specs[0], OLD_EVENTS);
  await writeSyntheticCatalog(specs[1], NEW_EVENTS);
  // Reword the new version so that every file it shares with the old one differs too.
  for (let group = 0; group * 25 < NEW_EVENTS; group++) {
    const file = path.join(specs[1], `group-${String(group).padStart(3, "0")}.yaml`);
    await writeFile(file, (await readFile(file, "utf8")).replace(/The title of the item\./g, "The title of the item as shown to students."));
  }
  const outputs: Tree[] = [];
  for (const spec of specs) {
    const result = await build(spec);
    assert.ok(result.files, `the synthetic catalog must build: ${result.diagnostics.slice(0, 3).map((item) => item.message).join("; ")}`);
    outputs.push({ ...USER_FILES, ...Object.fromEntries(result.files!.map((file) => [file.path, file.content])) });
  }
  versions = { root, specs, outputs: outputs as [Tree, Tree] };
  return versions;
}

function startGenerate(spec: string, out: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(REPO, "bin", "eventspec.js"), "generate", "--spec", spec, "--out", out], { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Waits until `condition` holds or the child exits; true if the condition was seen. */
async function waitFor(condition: () => boolean, child: ChildProcess, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    if (child.exitCode !== null || child.signalCode !== null) return false;
    await sleep(1);
  }
  throw new Error("the child neither reached the moment to kill it nor exited");
}

type Moment = "anytime" | "while-staging" | "just-after-commit";
type Outcome = "finished" | "killed: old output intact" | "killed: new output complete" | "killed: commit pending, rolled forward";

interface Calibration {
  /** From spawn to exit, for a whole run. */
  total: number;
  /** From the staging folder's appearance to exit. */
  writing: number;
}

/** One lane: an output folder that runs alternate between the two versions, each run killed at a random moment. */
async function killLane(lane: number, runs: number, calibration: Calibration, outcomes: Map<string, number>): Promise<void> {
  const { root, specs, outputs } = await specVersions();
  const out = path.join(root, `out-${lane}`);
  await writeTree(out, USER_FILES);
  const first = await runCli(["generate", "--spec", specs[0], "--out", out], root);
  assert.is(first.code, 0, first.stderr);
  let current = 0;
  for (let run = 0; run < runs; run++) {
    const target = 1 - current;
    const moments: Moment[] = ["anytime", "while-staging", "while-staging", "just-after-commit"];
    const moment = moments[(run + lane) % moments.length]!;
    const { child, exited } = startGenerate(specs[target]!, out);
    try {
      if (moment === "anytime") {
        await sleep(Math.random() * calibration.total * 1.1);
      } else if (moment === "while-staging") {
        if (await waitFor(() => existsSync(path.join(out, ".eventspec-staging")), child)) await sleep(Math.random() * calibration.writing);
      } else {
        if (await waitFor(() => existsSync(path.join(out, ".eventspec-commit")), child)) await sleep(Math.random() * 3);
      }
    } finally {
      child.kill("SIGKILL");
    }
    const { code, signal, stderr } = await exited;
    const raw = await readTree(out);
    const shown = visible(raw);
    for (const [file, content] of Object.entries(USER_FILES)) assert.is(raw[file], content, `lane ${lane} run ${run}: the user's ${file} was touched`);
    let outcome: Outcome;
    if (signal === null) {
      assert.is(code, 0, `lane ${lane} run ${run}: ${stderr}`);
      assert.ok(same(raw, outputs[target]!), `lane ${lane} run ${run}: finished, but ${describeDifference(raw, outputs[target]!)}`);
      outcome = "finished";
      current = target;
    } else if (await stat(path.join(out, ".eventspec-commit", "journal.json")).catch(() => undefined)) {
      // Killed between a commit point and the end of its moves (this run's, or an earlier run's
      // that this one was killed before completing): whatever the folder holds now, the journal
      // beside it completes one whole version, as the next run will do first.
      // Meanwhile a consumer cannot use the mix unknowingly: index.ts is the stand-in that throws,
      // unless the folder already is one whole version.
      const whole = [current, target].some((version) => same(shown, outputs[version]!));
      assert.ok(whole || /throw new Error\("eventspec is writing this folder/.test(raw["index.ts"] ?? ""), `lane ${lane} run ${run} (${moment}): a mixed folder without the stand-in index.ts`);
      const copy = path.join(root, `recovered-${lane}-${run}`);
      await cp(out, copy, { recursive: true });
      await recover(copy);
      const recovered = visible(await readTree(copy));
      await rm(copy, { recursive: true, force: true });
      const recoveredTo = [current, target].find((version) => same(recovered, outputs[version]!));
      assert.ok(recoveredTo !== undefined, `lane ${lane} run ${run} (${moment}): recovery gave neither old (${describeDifference(recovered, outputs[current]!)}) nor new (${describeDifference(recovered, outputs[target]!)})`);
      outcome = "killed: commit pending, rolled forward";
      current = recoveredTo!;
    } else if (same(shown, outputs[current]!)) {
      outcome = "killed: old output intact";
    } else {
      assert.ok(same(shown, outputs[target]!), `lane ${lane} run ${run} (${moment}): killed with no commit pending, yet the output is neither old (${describeDifference(shown, outputs[current]!)}) nor new (${describeDifference(shown, outputs[target]!)})`);
      outcome = "killed: new output complete";
      current = target;
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    outcomes.set(`moment: ${moment}`, (outcomes.get(`moment: ${moment}`) ?? 0) + 1);
  }
  // A last run, not killed, finds whatever the kills left (a stale lock, a staging folder, a pending
  // commit), completes or drops it, and leaves exactly the requested output and nothing else.
  const last = await runCli(["generate", "--spec", specs[1 - current]!, "--out", out], root);
  assert.is(last.code, 0, last.stderr);
  assert.ok(same(await readTree(out), outputs[1 - current]!), `lane ${lane}: the final run left ${describeDifference(await readTree(out), outputs[1 - current]!)}`);
}

async function calibrate(): Promise<Calibration> {
  const { root, specs } = await specVersions();
  const out = path.join(root, "out-calibration");
  await writeTree(out, USER_FILES);
  const started = Date.now();
  const { child, exited } = startGenerate(specs[0], out);
  await waitFor(() => existsSync(path.join(out, ".eventspec-staging")), child);
  const staging = Date.now();
  const result = await exited;
  assert.is(result.code, 0, result.stderr);
  const ended = Date.now();
  return { total: ended - started, writing: Math.max(20, ended - staging) };
}

test(`kill test: ${KILL_RUNS} runs SIGKILLed at random moments leave the old output or the new one, never a silent mix`, async () => {
  const calibration = await calibrate();
  const outcomes = new Map<string, number>();
  const perLane = Math.ceil(KILL_RUNS / LANES);
  // Let every lane finish (no child left running) before reporting the first failure.
  const lanes = await Promise.allSettled(Array.from({ length: LANES }, (_, lane) => killLane(lane, perLane, calibration, outcomes)));
  for (const lane of lanes) if (lane.status === "rejected") throw lane.reason;
  const summary = [...outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, count]) => `${name}: ${count}`).join(", ");
  process.stderr.write(`kill test: ${perLane * LANES} runs (whole run ${calibration.total} ms, writing ${calibration.writing} ms); ${summary}\n`);
  assert.ok((outcomes.get("killed: old output intact") ?? 0) > 0, "no kill landed before the commit point");
});

test("two and three runs at once on one output folder: the last writer wins, whole", async () => {
  const { root, specs, outputs } = await specVersions();
  for (let round = 0; round < 3; round++) {
    const out = path.join(root, `concurrent-${round}`);
    await writeTree(out, USER_FILES);
    if (round === 2) {
      // A lock left by a process that is gone: both runs must take it over, one at a time.
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => dead.on("close", resolve));
      await writeFile(path.join(out, ".eventspec-lock"), `${dead.pid} left-by-a-dead-run`);
    }
    const runs = [startGenerate(specs[0], out), startGenerate(specs[1], out), ...(round === 2 ? [startGenerate(specs[0], out)] : [])];
    const results = await Promise.all(runs.map((run) => run.exited));
    for (const result of results) assert.is(result.code, 0, result.stderr);
    const tree = await readTree(out);
    assert.ok(same(tree, outputs[0]) || same(tree, outputs[1]), `round ${round}: neither version whole: old ${describeDifference(tree, outputs[0])}; new ${describeDifference(tree, outputs[1])}`);
  }
});

test("the user's files in the output folder are never changed; stale generated files are removed", async () => {
  const { root, specs, outputs } = await specVersions();
  const out = path.join(root, "ownership");
  const quoting = "# About this folder\n\nEvery other file here starts with a banner like:\n\n    Generated by eventspec from spec/catalog.yaml.\n";
  await writeTree(out, { ...USER_FILES, "HOWTO.md": quoting, "docs/group-999.md": "# Ours, though named like a generated page\n" });
  const before = await stat(path.join(out, "README.md"));
  const first = await runCli(["generate", "--spec", specs[0], "--out", out], root);
  assert.is(first.code, 0, first.stderr);
  // A generated file from some older version of the spec, and one in a folder of its own.
  await writeTree(out, { "schema/retired_event.schema.json": '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "$comment": "Generated by eventspec from spec/old.yaml. Do not edit."\n}\n', "legacy/old.ts": "/*\n * Generated by eventspec from spec/old.yaml.\n */\nexport {};\n" });
  const second = await runCli(["generate", "--spec", specs[1], "--out", out], root);
  assert.is(second.code, 0, second.stderr);
  const tree = await readTree(out);
  assert.equal(tree, { ...outputs[1], "HOWTO.md": quoting, "docs/group-999.md": "# Ours, though named like a generated page\n" });
  assert.ok(!existsSync(path.join(out, "legacy")), "a folder emptied of generated files is removed");
  assert.ok(existsSync(path.join(out, "schema", "keep")), "a folder holding the user's files stays");
  const after = await stat(path.join(out, "README.md"));
  assert.is(after.mtimeMs, before.mtimeMs, "README.md was rewritten");
  assert.is(after.ino, before.ino, "README.md was replaced");
});

test("--check reports a run that was interrupted after its commit point", async () => {
  const { root, specs } = await specVersions();
  const out = path.join(root, "pending");
  const first = await runCli(["generate", "--spec", specs[0], "--out", out], root);
  assert.is(first.code, 0, first.stderr);
  // What a run killed right after its commit point leaves: the journal and the files still to move.
  await mkdir(path.join(out, ".eventspec-commit"), { recursive: true });
  await writeFile(path.join(out, ".eventspec-commit", "journal.json"), JSON.stringify({ write: [], remove: [] }));
  const check = await runCli(["generate", "--check", "--spec", specs[0], "--out", out], root);
  assert.is(check.code, 1);
  assert.match(check.stderr, /interrupted: an earlier run was stopped while writing/);
  const again = await runCli(["generate", "--spec", specs[0], "--out", out], root);
  assert.is(again.code, 0, again.stderr);
  assert.ok(!existsSync(path.join(out, ".eventspec-commit")));
  const clean = await runCli(["generate", "--check", "--spec", specs[0], "--out", out], root);
  assert.is(clean.code, 0, clean.stderr);
});

test("while a commit is being completed, index.ts is a stand-in that stays eventspec's and throws, naming the fix", async () => {
  const index = await readFile(path.join(REPO, "generated", "index.ts"), "utf8");
  const standIn = interruptedStandIn({ path: "index.ts", content: index });
  assert.ok(hasBanner(standIn), "the stand-in keeps the banner, so the next run may replace it");
  assert.not.match(standIn, /export \*/);
  const root = await temporaryFolder();
  await writeFile(path.join(root, "index.mjs"), standIn);
  try {
    await import(path.join(root, "index.mjs"));
    assert.unreachable("importing the stand-in must throw");
  } catch (error) {
    assert.match((error as Error).message, /its files may mix two versions\. Run `eventspec generate`/);
  }
  assert.is(interruptedStandIn({ path: "index.d.ts", content: index }).trimEnd().split("\n").pop(), "export {};");
});

test.after(async () => {
  if (versions) await rm(versions.root, { recursive: true, force: true });
});

test.run();
