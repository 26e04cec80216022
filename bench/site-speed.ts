/// <reference lib="dom" />
// `npm run bench -- --only site`: what the static site costs, at 1,000 synthetic events.
//  1. A cold `eventspec generate` (its own process, empty output folder) with and without --site,
//     rounds alternating; the site's share of the time is the ratio of the medians.
//  2. In Chromium, from file://: loading the search index (minisearch + the prebuilt index) and
//     answering a query typed into the search box, until the results are in the page.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser } from "../test/helpers/browser.js";
import { median } from "./harness.js";
import { writeSyntheticCatalog } from "./synthetic-catalog.js";

const BIN = path.join(import.meta.dirname, "..", "bin", "eventspec.js");
const QUERIES = ["item_id", "lock", "event_500_changed", "workflow state", "points possible", "updated"];

function generateMs(args: readonly string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, "generate", ...args], { cwd, encoding: "utf8" });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`generate failed: ${result.stderr}`);
  return elapsed;
}

export async function runSiteBench(options: { events?: number; rounds?: number } = {}): Promise<boolean> {
  const events = options.events ?? 1000;
  const rounds = options.rounds ?? 3;
  const root = await mkdtemp(path.join(os.tmpdir(), "eventspec-bench-site-"));
  let ok = true;
  try {
    await writeSyntheticCatalog(path.join(root, "spec"), events);
    console.log(`\nSite: ${events} synthetic events; cold \`eventspec generate\` in its own process, empty output folder; medians of ${rounds} alternating rounds.`);
    const plain: number[] = [];
    const withSite: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await rm(path.join(root, "out"), { recursive: true, force: true });
      plain.push(generateMs(["--out", "out"], root));
      await rm(path.join(root, "out"), { recursive: true, force: true });
      withSite.push(generateMs(["--out", "out", "--site", "out/site"], root));
    }
    const [a, b] = [median(plain), median(withSite)];
    const overhead = (b / a - 1) * 100;
    console.log(`  generate                ${a.toFixed(0).padStart(7)} ms`);
    console.log(`  generate --site         ${b.toFixed(0).padStart(7)} ms   site adds ${overhead.toFixed(1)}% (budget 25%)`);
    if (overhead > 25) ok = false;

    const site = path.join(root, "out", "site");
    const indexBytes = (await stat(path.join(site, "assets", "search-index.js"))).size;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const loads: number[] = [];
      for (let round = 0; round < 5; round++) {
        await page.goto(pathToFileURL(path.join(site, "index.html")).href);
        loads.push(
          await page.evaluate(async () => {
            const start = performance.now();
            await (window as unknown as { eventspecSite: { loadIndex: () => Promise<unknown> } }).eventspecSite.loadIndex();
            return performance.now() - start;
          }),
        );
      }
      const queries: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const query of QUERIES) {
          queries.push(
            await page.evaluate(
              (text) =>
                new Promise<number>((resolve) => {
                  const input = document.getElementById("search-input") as HTMLInputElement;
                  const list = document.getElementById("search-results")!;
                  const start = performance.now();
                  const observer = new MutationObserver(() => {
                    observer.disconnect();
                    resolve(performance.now() - start);
                  });
                  observer.observe(list, { childList: true });
                  input.value = text;
                  input.dispatchEvent(new Event("input"));
                }),
              query,
            ),
          );
        }
      }
      const load = median(loads);
      const answer = median(queries);
      const slowest = Math.max(...queries);
      console.log(`  search index load       ${load.toFixed(0).padStart(7)} ms   (${(indexBytes / 1024).toFixed(0)} KiB index; median of 5 page loads; budget 300 ms)`);
      console.log(`  search answer           ${answer.toFixed(1).padStart(7)} ms   (slowest ${slowest.toFixed(1)} ms over ${queries.length} typed queries; budget 50 ms)`);
      if (load > 300 || slowest > 50) ok = false;
    } finally {
      await browser.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return ok;
}
