// The generator half of `npm run bench`: `buildOutputs` (load, check, and all four outputs: types,
// validators, JSON Schema, docs) on synthetic catalogs of 100 and 1,000 events, against
// json-schema-to-typescript compiling the same exported JSON Schema files (types only), with its
// default Prettier pass and without it. Rounds alternate between the two; medians are reported.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compile } from "json-schema-to-typescript";
import { buildOutputs } from "../generator/pipeline.js";
import { median } from "./harness.js";
import { writeSyntheticCatalog } from "./synthetic-catalog.js";

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function runGeneratorBench(sizes: readonly number[] = [100, 1000]): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "eventspec-bench-"));
  try {
    console.log("\nGenerator: buildOutputs (all four outputs) vs json-schema-to-typescript on the same exported schemas; medians in ms.");
    console.log(`  ${"events".padStart(6)}  ${"eventspec buildOutputs".padStart(23)}  ${"json-schema-to-typescript".padStart(26)}  ${"(format: false)".padStart(16)}  ratio`);
    for (const size of sizes) {
      const specDir = path.join(root, `catalog-${size}`);
      await writeSyntheticCatalog(specDir, size);
      const warm = await buildOutputs({ specDir });
      if (!warm.files) throw new Error(`synthetic catalog of ${size} events does not generate`);
      const schemas = warm.files.filter((file) => file.path.startsWith("schema/")).map((file) => ({ name: file.path, schema: JSON.parse(file.content) as Parameters<typeof compile>[0] }));
      const compileAll = (format: boolean) => async () => {
        for (const { name, schema } of schemas) await compile(schema, name, { bannerComment: "", format });
      };
      await compileAll(false)();
      const rounds = size >= 1000 ? 3 : 5;
      const ours: number[] = [];
      const theirs: number[] = [];
      const theirsUnformatted: number[] = [];
      for (let round = 0; round < rounds; round++) {
        ours.push(await timeMs(() => buildOutputs({ specDir })));
        theirs.push(await timeMs(compileAll(true)));
        theirsUnformatted.push(await timeMs(compileAll(false)));
      }
      const [a, b, c] = [median(ours), median(theirs), median(theirsUnformatted)];
      console.log(
        `  ${String(size).padStart(6)}  ${a.toFixed(0).padStart(23)}  ${b.toFixed(0).padStart(26)}  ${c.toFixed(0).padStart(16)}  ours takes ${(a / b).toFixed(2)}× its time (${(a / c).toFixed(2)}× without its Prettier pass)`,
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
