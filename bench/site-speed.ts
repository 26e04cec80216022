/// <reference lib="dom" />
// `npm run bench -- --only site`: what the static site costs, at 1,000 synthetic events.
//  1. A cold `eventspec generate` (its own process, empty output folder) with and without --site,
//     rounds alternating; the site's share is the ratio of the medians of the wall clock. Each
//     process's CPU time (all threads; user space, and the kernel's, which is mostly writing
//     files) is printed too: it moves less than the wall clock when the machine is busy. Then
//     `--check --no-cache` on the folders written, with and without the site: the build alone.
//  2. In Chromium, from file://, each round on a freshly loaded page: loading the search index
//     (minisearch + the prebuilt index), then queries typed into the search box, each timed from
//     the input event until its results are in the page. Keystrokes of a name, words, a typo, a
//     word in every document and a query with no result; the first query after loading (cold)
//     is in the set. Medians and the worst; the budgets hold for the worst.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser } from "../test/helpers/browser.js";
import { median } from "./harness.js";
import { writeSyntheticCatalog } from "./synthetic-catalog.js";

const BIN = path.join(import.meta.dirname, "..", "bin", "eventspec.js");
const REPORT_CPU = path.join(import.meta.dirname, "report-cpu.mjs");
const QUERIES = ["i", "it", "ite", "item", "item_", "item_i", "item_id", "lock", "event_500_changed", "workflow state", "points possible", "updated", "the", "evnt chnged", "zzzz"];
const PAGE_ROUNDS = 5;

interface Run {
  wallMs: number;
  /** CPU time in user space (the work) and in the kernel (mostly writing files), all threads. */
  userMs: number;
  systemMs: number;
}

function generate(args: readonly string[], cwd: string): Run {
  const cpuFile = path.join(cwd, "cpu.txt");
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(REPORT_CPU).href, BIN, "generate", ...args], { cwd, encoding: "utf8", env: { ...process.env, EVENTSPEC_BENCH_CPU_FILE: cpuFile } });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`generate failed: ${result.stderr}`);
  const [userMs, systemMs] = readFileSync(cpuFile, "utf8").split(" ").map(Number) as [number, number];
  return { wallMs, userMs, systemMs };
}

export async function runSiteBench(options: { events?: number; rounds?: number } = {}): Promise<boolean> {
  const events = options.events ?? 1000;
  const rounds = options.rounds ?? 3;
  const root = await mkdtemp(path.join(os.tmpdir(), "eventspec-bench-site-"));
  let ok = true;
  try {
    await writeSyntheticCatalog(path.join(root, "spec"), events);
    console.log(`\nSite: ${events} synthetic events; cold \`eventspec generate\` in its own process, empty output folder; medians of ${rounds} alternating rounds.`);
    const plain: Run[] = [];
    const withSite: Run[] = [];
    for (let round = 0; round < rounds; round++) {
      await rm(path.join(root, "out-plain"), { recursive: true, force: true });
      plain.push(generate(["--out", "out-plain"], root));
      await rm(path.join(root, "out"), { recursive: true, force: true });
      withSite.push(generate(["--out", "out", "--site", "out/site"], root));
    }
    // The same builds compared with the folders they wrote, writing nothing: what the site costs
    // to build, apart from writing its files.
    const plainCheck: Run[] = [];
    const siteCheck: Run[] = [];
    for (let round = 0; round < rounds; round++) {
      plainCheck.push(generate(["--out", "out-plain", "--check", "--no-cache"], root));
      siteCheck.push(generate(["--out", "out", "--site", "out/site", "--check", "--no-cache"], root));
    }
    const medians = (runs: readonly Run[]) => ({ wall: median(runs.map((run) => run.wallMs)), user: median(runs.map((run) => run.userMs)), system: median(runs.map((run) => run.systemMs)) });
    const [a, b] = [medians(plain), medians(withSite)];
    const overhead = (b.wall / a.wall - 1) * 100;
    const cpu = (run: ReturnType<typeof medians>) => `CPU ${run.user.toFixed(0)} ms user + ${run.system.toFixed(0)} ms kernel`;
    console.log(`  generate                ${a.wall.toFixed(0).padStart(7)} ms   (${cpu(a)})`);
    console.log(`  generate --site         ${b.wall.toFixed(0).padStart(7)} ms   (${cpu(b)})`);
    console.log(`  the site adds           ${(b.wall - a.wall).toFixed(0).padStart(7)} ms   ${overhead.toFixed(1)}% (budget 25%); CPU +${(b.user - a.user).toFixed(0)} ms user, +${(b.system - a.system).toFixed(0)} ms kernel`);
    const [c, d] = [medians(plainCheck), medians(siteCheck)];
    console.log(`  --check (writes nothing) ${c.wall.toFixed(0).padStart(6)} ms, with --site ${d.wall.toFixed(0)} ms: building the site adds ${(d.wall - c.wall).toFixed(0)} ms (CPU +${(d.user - c.user).toFixed(0)} ms user)`);
    if (overhead > 25) ok = false;

    const site = path.join(root, "out", "site");
    const indexBytes = (await stat(path.join(site, "assets", "search-index.js"))).size;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const loads: number[] = [];
      const answers: number[] = [];
      const firsts: number[] = [];
      for (let round = 0; round < PAGE_ROUNDS; round++) {
        await page.goto(pathToFileURL(path.join(site, "index.html")).href);
        loads.push(
          await page.evaluate(async () => {
            const start = performance.now();
            await (window as unknown as { eventspecSite: { loadIndex: () => Promise<unknown> } }).eventspecSite.loadIndex();
            return performance.now() - start;
          }),
        );
        for (const [index, query] of QUERIES.entries()) {
          const { ms, results } = await page.evaluate(async (text) => {
            const input = document.getElementById("search-input") as HTMLInputElement;
            const start = performance.now();
            input.value = text;
            input.dispatchEvent(new Event("input"));
            // The box's handler renders in a callback on the loaded index, queued before this one.
            await (window as unknown as { eventspecSite: { loadIndex: () => Promise<unknown> } }).eventspecSite.loadIndex();
            await Promise.resolve();
            const ms = performance.now() - start;
            return { ms, results: document.querySelectorAll("#search-results li").length };
          }, query);
          if (query !== "zzzz" && results === 0) throw new Error(`no results for "${query}"`);
          answers.push(ms);
          if (index === 0) firsts.push(ms);
        }
      }
      const load = median(loads);
      const answer = median(answers);
      const slowest = Math.max(...answers);
      console.log(`  search index load       ${load.toFixed(0).padStart(7)} ms   (worst ${Math.max(...loads).toFixed(0)} ms; ${(indexBytes / 1024).toFixed(0)} KiB index; ${PAGE_ROUNDS} page loads; budget 300 ms)`);
      console.log(`  search answer           ${answer.toFixed(1).padStart(7)} ms   (worst ${slowest.toFixed(1)} ms; first query after loading: median ${median(firsts).toFixed(1)} ms; ${QUERIES.length} queries x ${PAGE_ROUNDS} pages; budget 50 ms)`);
      if (Math.max(...loads) > 300 || slowest > 50) ok = false;
    } finally {
      await browser.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return ok;
}
