// Runs every test/**/*.test.ts file with uvu in one process, then prints the closing
// "N passed, N failed" line that CI reads. `npm test -- <substring>` runs matching files only.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "uvu/run";

const root = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

function findTests(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === "fixtures" || entry.name === "node_modules" ? [] : findTests(full);
      return entry.name.endsWith(".test.ts") ? [full] : [];
    })
    .sort();
}

const files = findTests(root).filter((file) => !filter || path.relative(root, file).includes(filter));
if (files.length === 0) {
  console.error(`No test files match ${JSON.stringify(filter)}.`);
  process.exit(1);
}

// uvu prints its own totals; read them back to print one line that names both counts.
let output = "";
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

await run(
  files.map((file) => ({ name: path.relative(root, file), file })),
  { bail: false },
);
process.stdout.write = write;

const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
console.log(`tests: ${passed} passed, ${total - passed - skipped} failed, ${skipped} skipped`);
if (total === 0) {
  console.error("No test ran.");
  process.exitCode = 1;
}
