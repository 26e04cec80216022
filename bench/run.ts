// `npm run bench`: our generated validators against Ajv, Zod and JSON.parse, in one process,
// with medians and ratios; then the generator's own speed against json-schema-to-typescript.
//
//   npm run bench                       everything
//   npm run bench -- --only validators  just the validator table
//   npm run bench -- --only generator   just the generator timing
//   npm run bench -- --only site        the static site: its share of generate, search in Chromium
//   npm run bench -- --rounds 15        more rounds (default 9)
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { runGeneratorBench } from "./generator-speed.js";
import { runSiteBench } from "./site-speed.js";
import { runValidatorBench } from "./validators.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    rounds: { type: "string", default: "9" },
    "round-ms": { type: "string", default: "40" },
    "warmup-ms": { type: "string", default: "300" },
  },
});

const machine = `${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}, ${process.platform}/${process.arch}`;
console.log(`eventspec bench on ${machine}`);

if (values.only === undefined || values.only === "validators") {
  const ok = await runValidatorBench({ rounds: Number(values.rounds), roundMs: Number(values["round-ms"]), warmupMs: Number(values["warmup-ms"]) });
  if (!ok) process.exitCode = 1;
}
if (values.only === undefined || values.only === "generator") {
  await runGeneratorBench();
}
if (values.only === undefined || values.only === "site") {
  if (!(await runSiteBench())) process.exitCode = 1;
}
