// `npm run fuzz`: the differential property of test/validators/differential.test.ts, at scale.
// Random valid events and mutations of them, for the shipped spec and the kinds test spec, judged
// by our generated validators and by Ajv on the exported JSON Schema; plus the format functions
// against ajv-formats. Runs in batches with their own seeds so that one disagreement does not stop
// the count; prints how many inputs ran and every disagreement with the seed that reproduces it.
//
//   npm run fuzz                          100,000 event cases per spec + 100,000 per format
//   npm run fuzz -- --runs 500000         more
//   npm run fuzz -- --seed 123 --runs 1   replay one batch (a reported seed; with --path too)
import fc from "fast-check";
import { parseArgs } from "node:util";
import { caseArb } from "./arbitraries.js";
import { judge } from "./compare.js";
import { FORMAT_PROPERTIES } from "./formats.js";
import { KINDS_SPEC, loadSubject, SHIPPED_SPEC } from "./subject.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    batch: { type: "string", default: "10000" },
    seed: { type: "string" },
    path: { type: "string" },
  },
});
const totalRuns = Number(values.runs);
const batchSize = Math.min(Number(values.batch), totalRuns);
const firstSeed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

interface Outcome {
  label: string;
  runs: number;
  disagreements: string[];
}

function runBatches<T>(label: string, property: (seed: number) => fc.RunDetails<T>): Outcome {
  let runs = 0;
  const disagreements: string[] = [];
  for (let batch = 0; runs < totalRuns; batch++) {
    const seed = (firstSeed + batch * 7919) % 2 ** 31;
    const details = property(seed);
    runs += details.numRuns;
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      disagreements.push(`${label}: seed ${details.seed}, path ${details.counterexamplePath}\n${error.slice(0, 4000)}`);
      // Count the rest of the batch as not run, and go on with the next seed.
    }
    // Progress only on a terminal: in a log it would be noise.
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${label}: ${runs.toLocaleString("en-US")} / ${totalRuns.toLocaleString("en-US")}`);
  }
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  return { label, runs, disagreements };
}

const started = performance.now();
console.log(`eventspec fuzz: ${totalRuns.toLocaleString("en-US")} cases per property, batches of ${batchSize.toLocaleString("en-US")}, first seed ${firstSeed}`);
const outcomes: Outcome[] = [];
for (const [specDir, label] of [
  [SHIPPED_SPEC, "shipped spec"],
  [KINDS_SPEC, "kinds spec"],
] as const) {
  const subject = await loadSubject(specDir, label);
  const arbitrary = caseArb(subject.catalog);
  outcomes.push(
    runBatches(`${label} events`, (seed) =>
      fc.check(
        fc.property(arbitrary, (item) => {
          const verdict = judge(subject, item.input, item.event);
          if (verdict.problems.length > 0) throw new Error(`${verdict.problems.join("\n")}\nevent ${item.event}, mutations ${JSON.stringify(item.mutations)}\ninput ${JSON.stringify(item.input)?.slice(0, 3000)}`);
        }),
        { numRuns: batchSize, seed, ...(values.path === undefined ? {} : { path: values.path }) },
      ),
    ),
  );
}
for (const [label, property] of Object.entries(FORMAT_PROPERTIES)) {
  outcomes.push(runBatches(`format ${label}`, (seed) => fc.check(property, { numRuns: batchSize, seed, ...(values.path === undefined ? {} : { path: values.path }) })));
}

let total = 0;
let failures = 0;
for (const outcome of outcomes) {
  total += outcome.runs;
  failures += outcome.disagreements.length;
  console.log(`  ${outcome.label.padEnd(28)} ${outcome.runs.toLocaleString("en-US").padStart(12)} inputs, ${outcome.disagreements.length} disagreement${outcome.disagreements.length === 1 ? "" : "s"}`);
}
for (const outcome of outcomes) for (const disagreement of outcome.disagreements) console.log(`\n${disagreement}`);
console.log(`\n${total.toLocaleString("en-US")} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s, ${failures} disagreement${failures === 1 ? "" : "s"}.`);
if (failures > 0) {
  console.log(`Replay a batch with: npm run fuzz -- --seed <seed> --path <path> --runs ${batchSize}`);
  process.exitCode = 1;
}
