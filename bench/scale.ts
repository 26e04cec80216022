// `npm run bench -- --only scale`: the command as a user runs it, each run a whole process, on a
// synthetic catalog (1,000 events by default), side by side in one run with
// json-schema-to-typescript's CLI on the same exported schemas. Rounds interleave the two; the
// table shows medians of wall time and peak RSS, and the ratios the targets are stated in.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { median } from "./harness.js";
import { writeSyntheticCatalog } from "./synthetic-catalog.js";

const REPO = path.resolve(import.meta.dirname, "..");
const EVENTSPEC = path.join(REPO, "bin", "eventspec.js");
const JSON2TS = path.join(REPO, "node_modules", "json-schema-to-typescript", "dist", "src", "cli.js");
const TSC = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
const PEAK_RSS = path.join(REPO, "bench", "report-peak-rss.mjs");
const MIB = 1024 * 1024;

interface ProcessRun {
  wallMs: number;
  peakRss: number;
  code: number | null;
  stderr: string;
}

/** One whole process: `node <script> ...args`, timed from spawn to exit, with its peak RSS. */
async function measure(script: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessRun> {
  const rssFile = path.join(os.tmpdir(), `eventspec-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", PEAK_RSS, script, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env, EVENTSPEC_BENCH_RSS_FILE: rssFile, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const wallMs = performance.now() - started;
  const peakRss = Number(await readFile(rssFile, "utf8").catch(() => "0"));
  await rm(rssFile, { force: true });
  return { wallMs, peakRss, code, stderr };
}

function expectSuccess(run: ProcessRun, what: string): ProcessRun {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
  return run;
}

async function folderBytes(folder: string, keep: (relative: string) => boolean): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (keep(path.relative(folder, full).split(path.sep).join("/"))) total += (await stat(full)).size;
  }
  return total;
}

export interface ScaleOptions {
  events: number;
  rounds: number;
}

export async function runScaleBench(options: ScaleOptions): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "eventspec-scale-"));
  try {
    // A project of its own, so the cache lives in its node_modules/.cache/eventspec.
    await writeFile(path.join(root, "package.json"), '{ "name": "scale-bench", "private": true }\n');
    const specDir = path.join(root, "spec");
    await writeSyntheticCatalog(specDir, options.events);
    const cache = path.join(root, "node_modules", ".cache", "eventspec");
    const out = path.join(root, "generated");
    const generate = (...extra: string[]) => measure(EVENTSPEC, ["generate", "--spec", "spec", "--out", "generated", ...extra], root);
    // The exported schemas json-schema-to-typescript reads: those of this very catalog.
    expectSuccess(await generate("--no-cache"), "eventspec generate");
    const schemaDir = path.join(root, "schemas");
    await rm(schemaDir, { recursive: true, force: true });
    await cp(path.join(out, "schema"), schemaDir, { recursive: true });
    const schemaCount = (await readdir(schemaDir)).length;
    const json2ts = async () => {
      await rm(path.join(root, "json2ts-out"), { recursive: true, force: true });
      await mkdir(path.join(root, "json2ts-out"));
      return expectSuccess(await measure(JSON2TS, ["-i", "schemas/*.json", "-o", "json2ts-out"], root), "json2ts");
    };

    const group = path.join(specDir, "group-001.yaml");
    const original = await readFile(group, "utf8");
    // The same number of events, no two bodies alike (as in a real catalog), so no two share checks.
    await writeSyntheticCatalog(path.join(root, "distinct-spec"), options.events, undefined, { distinctBodies: true });
    const distinctOut = path.join(root, "distinct-generated");
    const rows = { cold: [] as ProcessRun[], json2ts: [] as ProcessRun[], noop: [] as ProcessRun[], check: [] as ProcessRun[], edit: [] as ProcessRun[], distinct: [] as ProcessRun[], js: [] as ProcessRun[] };
    for (let round = 0; round < options.rounds; round++) {
      if (process.stderr.isTTY) process.stderr.write(`  scale: round ${round + 1} of ${options.rounds}\r`);
      // Cold: no cache, no previous output.
      await rm(cache, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
      rows.cold.push(expectSuccess(await generate(), "cold generate"));
      rows.json2ts.push(await json2ts());
      rows.noop.push(expectSuccess(await generate(), "no-op generate"));
      rows.check.push(expectSuccess(await generate("--check"), "generate --check"));
      // One group file edited (a description in every event of the group), as an author saves it.
      await writeFile(group, round % 2 === 0 ? original.replace(/The title of the item\./g, `The title of the item (round ${round}).`) : original);
      rows.edit.push(expectSuccess(await generate(), "generate after one group edited"));
      await rm(distinctOut, { recursive: true, force: true });
      rows.distinct.push(expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", "distinct-spec", "--out", "distinct-generated", "--no-cache"], root), "cold generate, bodies all distinct"));
      await rm(path.join(root, "js-generated"), { recursive: true, force: true });
      rows.js.push(expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", "spec", "--out", "js-generated", "--emit", "js", "--no-cache"], root), "cold generate --emit js"));
    }
    await writeFile(group, original);
    expectSuccess(await generate(), "generate");

    // The seed catalog: the shipped spec into a fresh folder, without and with the cache of
    // unchanged runs. Cold runs find V8's code cache of the command (saved by the first run, as in
    // any project after its first generate); one more series goes without it, as a first run does.
    const seed: { cold: ProcessRun[]; first: ProcessRun[]; cached: ProcessRun[] } = { cold: [], first: [], cached: [] };
    expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", path.join(REPO, "spec"), "--out", "seed-out"], root), "seed generate");
    for (let round = 0; round < Math.max(options.rounds, 5); round++) {
      await rm(path.join(root, "seed-out"), { recursive: true, force: true });
      seed.first.push(expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", path.join(REPO, "spec"), "--out", "seed-out", "--no-cache"], root, { EVENTSPEC_CODE_CACHE: "0" }), "seed generate without code cache"));
      await rm(path.join(root, "seed-out"), { recursive: true, force: true });
      seed.cold.push(expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", path.join(REPO, "spec"), "--out", "seed-out", "--no-cache"], root), "seed generate"));
      seed.cached.push(expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", path.join(REPO, "spec"), "--out", "seed-out"], root), "seed generate (cached)"));
    }

    // generate --watch: from saving one group file to the change in the output, for the first save
    // after the start (which found the output up to date, so nothing was in memory) and each later one.
    const watchLatency = await measureWatch(root, group, out, options.rounds + 1);

    // What a consumer pays: tsc --noEmit, strict, over the generated code, over json2ts's types, and
    // over a test of one group (it imports that group's fixtures and checks, and loads nothing of
    // the others), over the `--ts-check` and `--emit js` outputs, and over the output of the
    // catalog whose bodies all differ. Rounds interleave the six, like the runs above.
    const consumerConfig = async (include: string) => {
      const config = path.join(root, `tsconfig.${include.replace(/\W/g, "-")}.json`);
      await writeFile(config, JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: [] }, include: [include] }));
      return config;
    };
    expectSuccess(await measure(EVENTSPEC, ["generate", "--spec", "spec", "--out", "checked-generated", "--ts-check", "--no-cache"], root), "generate --ts-check");
    const firstGroup = (await readdir(path.join(out, "groups"))).filter((name) => name.endsWith(".fixtures.ts")).sort()[0]!.replace(/\.fixtures\.ts$/, "");
    await writeFile(
      path.join(root, "one-group.ts"),
      `import { EXAMPLES } from "./generated/groups/${firstGroup}.fixtures.js";\nimport * as checks from "./generated/groups/${firstGroup}.js";\nexport const sizes: number[] = [Object.keys(EXAMPLES).length, Object.keys(checks).length];\n`,
    );
    const consumers = { ours: await consumerConfig("generated/**/*.ts"), theirs: await consumerConfig("json2ts-out/**/*.ts"), oneGroup: await consumerConfig("one-group.ts"), checked: await consumerConfig("checked-generated/**/*.ts"), js: await consumerConfig("js-generated/**/*.ts"), distinct: await consumerConfig("distinct-generated/**/*.ts") };
    const tsc: Record<keyof typeof consumers, ProcessRun[]> = { ours: [], theirs: [], oneGroup: [], checked: [], js: [], distinct: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const which of ["ours", "theirs", "oneGroup", "checked", "js", "distinct"] as const) tsc[which].push(expectSuccess(await measure(TSC, ["-p", consumers[which]], root), `tsc -p ${consumers[which]}`));
    }

    const code = (relative: string) => /\.(?:ts|js|mjs|cjs)$/.test(relative);
    // The checks: validators.ts, shared.ts, each group's module and runtime.ts (not the `.types` or `.fixtures` modules).
    const isValidatorCode = (relative: string) => code(relative) && !/\.d\.ts$/.test(relative) && /^(validators|shared|runtime)\.[jt]s$|^groups\/(?!.*\.(?:types|fixtures)\.[jt]s$).*\.[jt]s$/.test(relative);
    const validatorCode = await folderBytes(out, isValidatorCode);
    const distinctValidatorCode = await folderBytes(distinctOut, isValidatorCode);
    const allCode = await folderBytes(out, code);
    const theirTypes = await folderBytes(path.join(root, "json2ts-out"), code);

    const wall = (runs: ProcessRun[]) => median(runs.map((run) => run.wallMs));
    const rss = (runs: ProcessRun[]) => Math.max(...runs.map((run) => run.peakRss));
    const cold = wall(rows.cold);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(`\nScale: ${options.events} events (${schemaCount} exported schemas), whole processes, medians of ${options.rounds} interleaved rounds (peak RSS: the largest seen).`);
    const table: [string, string, string, string][] = [
      ["eventspec generate, cold (no cache, no output)", seconds(cold), mib(rss(rows.cold)), ""],
      ["json2ts -i 'schemas/*.json' (types only)", seconds(wall(rows.json2ts)), mib(rss(rows.json2ts)), ""],
      ["  cold ÷ json2ts", `${(cold / wall(rows.json2ts)).toFixed(2)}×`, "", `target ≤ 0.5×: ${verdict(cold / wall(rows.json2ts) <= 0.5)}`],
      ["eventspec generate, no-op rerun", seconds(wall(rows.noop)), mib(rss(rows.noop)), `${((wall(rows.noop) / cold) * 100).toFixed(0)} % of cold, target ≤ 15 %: ${verdict(wall(rows.noop) / cold <= 0.15)}`],
      ["eventspec generate --check", seconds(wall(rows.check)), mib(rss(rows.check)), `${((wall(rows.check) / cold) * 100).toFixed(0)} % of cold, target ≤ 15 %: ${verdict(wall(rows.check) / cold <= 0.15)}`],
      ["eventspec generate, one group file edited", seconds(wall(rows.edit)), mib(rss(rows.edit)), `${((wall(rows.edit) / cold) * 100).toFixed(0)} % of cold, target ≤ 30 %: ${verdict(wall(rows.edit) / cold <= 0.3)}`],
      ["  peak RSS of any eventspec run", "", mib(Math.max(rss(rows.cold), rss(rows.noop), rss(rows.check), rss(rows.edit))), `target ≤ 300 MiB: ${verdict(Math.max(rss(rows.cold), rss(rows.noop), rss(rows.check), rss(rows.edit)) <= 300 * MIB)}`],
      ["seed catalog (3 events), cold", seconds(wall(seed.cold)), mib(rss(seed.cold)), `target ≤ 0.35 s: ${verdict(wall(seed.cold) <= 350)}`],
      ["seed catalog (3 events), cold, no code cache", seconds(wall(seed.first)), mib(rss(seed.first)), "as a first run in a project"],
      ["seed catalog (3 events), cached rerun", seconds(wall(seed.cached)), mib(rss(seed.cached)), ""],
      ["generate --watch: first save after start → output", seconds(watchLatency[0]!), "", "its memo was filled from the step cache at the start"],
      ["generate --watch: each later save → output", seconds(median(watchLatency.slice(1))), "", `target ≤ 1 s: ${verdict(median(watchLatency.slice(1)) <= 1000)}`],
      // The target: a quarter of what it cost before the output was split (16.4 s and 951 MiB).
      ["consumer tsc --noEmit over generated/", seconds(wall(tsc.ours)), mib(rss(tsc.ours)), `target ≤ 4.1 s and ≤ 238 MiB: ${verdict(wall(tsc.ours) <= 4100 && rss(tsc.ours) <= 238 * MIB)}`],
      ["consumer tsc --noEmit over json2ts's types", seconds(wall(tsc.theirs)), mib(rss(tsc.theirs)), ""],
      ["consumer tsc --noEmit, a test of one group", seconds(wall(tsc.oneGroup)), mib(rss(tsc.oneGroup)), "imports groups/<group>.fixtures.js and groups/<group>.js"],
      ["consumer tsc --noEmit over --ts-check output", seconds(wall(tsc.checked)), mib(rss(tsc.checked)), "no // @ts-nocheck: tsc checks the generated code too"],
      ["eventspec generate --emit js, cold", seconds(wall(rows.js)), mib(rss(rows.js)), "JavaScript with .d.ts (not in the peak RSS above)"],
      ["consumer tsc --noEmit over the --emit js output", seconds(wall(tsc.js)), mib(rss(tsc.js)), "skipLibCheck skips the .d.ts files"],
      ["bodies all distinct: eventspec generate, cold", seconds(wall(rows.distinct)), mib(rss(rows.distinct)), "no two events share checks, as in a real catalog"],
      ["bodies all distinct: consumer tsc over generated/", seconds(wall(tsc.distinct)), mib(rss(tsc.distinct)), ""],
    ];
    for (const [what, time, memory, note] of table) console.log(`  ${what.padEnd(48)} ${time.padStart(9)} ${memory.padStart(9)}  ${note}`);
    console.log(`  generated validator code: ${(validatorCode / MIB).toFixed(2)} MiB (target ≤ 3.77 MiB: ${verdict(validatorCode <= 3.77 * MIB)}); all generated code: ${(allCode / MIB).toFixed(2)} MiB; json2ts's types: ${(theirTypes / MIB).toFixed(2)} MiB`);
    console.log(`  bodies all distinct: validator code ${(distinctValidatorCode / MIB).toFixed(2)} MiB`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs `generate --watch` and times, per round, one edit of `group` until its docs page shows it. */
async function measureWatch(root: string, group: string, out: string, rounds: number): Promise<number[]> {
  const child = spawn(process.execPath, [EVENTSPEC, "generate", "--spec", "spec", "--out", "generated", "--watch"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const idle = (count: number) => stderr.split("watching for changes").length - 1 >= count;
  const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
  const timings: number[] = [];
  try {
    while (!idle(1)) await sleep(20);
    const original = await readFile(group, "utf8");
    const marker = /description: (Synthetic events [^\n]*)/.exec(original)![1]!;
    const docs = path.join(out, "docs");
    let page = "";
    for (const name of await readdir(docs)) if ((await readFile(path.join(docs, name), "utf8")).includes(marker)) page = path.join(docs, name);
    for (let round = 0; round < rounds; round++) {
      const text = `${marker} Edited in round ${round}.`;
      const started = performance.now();
      await writeFile(group, original.replace(marker, text));
      while (!(await readFile(page, "utf8")).includes(text)) await sleep(5);
      timings.push(performance.now() - started);
      while (!idle(round + 2)) await sleep(20);
    }
    await writeFile(group, original);
    while (!idle(rounds + 2)) await sleep(20);
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.on("close", resolve));
  }
  return timings;
}
