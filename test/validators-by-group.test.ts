// Each group's validators module depends on the catalog's context and that group alone (see
// kinds/context.ts): a pattern only a group uses is pooled into shared.ts under a name derived from
// its text, so editing one group never changes another group's modules, and the watch's memo can
// keep them. The output still compiles under strict flags and checks what it did.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSpecFolder } from "../generator/load/read-spec-folder.js";
import type { ParseMemo } from "../generator/load/parse-spec-files.js";
import { StepMemo } from "../generator/model/step-memo.js";
import { buildOutputs } from "../generator/pipeline.js";
import { compileProblems } from "./helpers/strict-compiler.js";
import { specWith, temporaryFolder, writeTree } from "./helpers/generate.js";

/** A group file with one event whose fields each have a pattern, and an example that matches them all. */
function groupFile(name: string, event: string, patterns: string[]): string {
  const fields = patterns.map((pattern, index) => `      code_${index}: { type: string, description: A code., pattern: ${JSON.stringify(pattern)} }`);
  const values = patterns.map((pattern, index) => `            code_${index}: ${JSON.stringify(SAMPLES[pattern])}`);
  return [
    `group:`,
    `  name: ${name}`,
    ``,
    `events:`,
    `  ${event}:`,
    `    definition: Something happened.`,
    `    body:`,
    ...fields,
    `    examples:`,
    `      - payload:`,
    `          metadata: { event_name: ${event}, event_time: "2020-03-24T16:55:59.973Z", root_account_id: "21070000000000001", producer: canvas }`,
    `          body:`,
    ...values,
    ``,
  ].join("\n");
}

const SAMPLES: Record<string, string> = { "^[A-Z]{2}-[0-9]{3}$": "AB-123", "^a[0-9]{2}$": "a12", "^b[0-9]{2}$": "b12", "^c[0-9]{4}$": "c1234", "^[0-9a-f]{8}$": "0123abcd", "^x[0-9]{2}$": "x12" };

const SHARED_PATTERN = "^[A-Z]{2}-[0-9]{3}$";

async function buildWith(groups: Record<string, string>, memo?: { parseMemo: ParseMemo; stepMemo: StepMemo }) {
  const specDir = await specWith(groups);
  const read = await readSpecFolder(specDir);
  const result = await buildOutputs({ specDir, read, ...(memo ?? {}) });
  assert.ok(result.files, result.diagnostics.map((diagnostic) => diagnostic.message).join("\n"));
  return { specDir, files: new Map(result.files!.map((file) => [file.path, file.content])) };
}

test("editing one group's patterns leaves every other group's modules byte for byte", async () => {
  const before = await buildWith({
    "alpha.yaml": groupFile("Alpha", "alpha_happened", [SHARED_PATTERN, "^a[0-9]{2}$"]),
    "beta.yaml": groupFile("Beta", "beta_happened", [SHARED_PATTERN, "^b[0-9]{2}$"]),
  });
  const after = await buildWith({
    "alpha.yaml": groupFile("Alpha", "alpha_happened", [SHARED_PATTERN, "^a[0-9]{2}$"]),
    "beta.yaml": groupFile("Beta", "beta_happened", [SHARED_PATTERN, "^c[0-9]{4}$", "^[0-9a-f]{8}$"]),
  });
  for (const file of ["groups/alpha.ts", "groups/alpha.types.ts"]) assert.is(after.files.get(file), before.files.get(file), `${file} is unchanged`);
  assert.is.not(after.files.get("groups/beta.ts"), before.files.get("groups/beta.ts"));
  // The pattern both groups use is declared once, by one name both import.
  const shared = after.files.get("shared.ts")!;
  const declarations = [...shared.matchAll(/^export function (matchesPattern_[0-9a-f]{12})\(/gm)].map((match) => match[1]!);
  assert.is(declarations.length, 4, "four distinct patterns, each once");
  const usedBy = (file: string) => declarations.filter((name) => after.files.get(file)!.includes(`${name}(`));
  assert.is(usedBy("groups/alpha.ts").filter((name) => usedBy("groups/beta.ts").includes(name)).length, 1, "one pattern is shared");
  for (const file of ["groups/alpha.ts", "groups/beta.ts"]) {
    for (const name of usedBy(file)) assert.ok(new RegExp(`^import \\{[^}]*\\b${name}\\b[^}]*\\} from "\\.\\./shared\\.js";`, "m").test(after.files.get(file)!), `${file} imports ${name}`);
  }
});

test("pooled patterns compile under strict flags and check what they say", async () => {
  const { files } = await buildWith({
    "alpha.yaml": groupFile("Alpha", "alpha_happened", [SHARED_PATTERN, "^a[0-9]{2}$"]),
    "beta.yaml": groupFile("Beta", "beta_happened", [SHARED_PATTERN, "^b[0-9]{2}$"]),
  });
  const out = await temporaryFolder();
  await writeTree(out, { ...Object.fromEntries(files), "package.json": JSON.stringify({ type: "module" }) });
  const consumer = path.join(out, "consumer.ts");
  await writeFile(
    consumer,
    `import { parseEvent } from "./index.js";
const metadata = { event_name: "beta_happened", event_time: "2020-03-24T16:55:59.973Z", root_account_id: "21070000000000001", producer: "canvas" };
const good = parseEvent({ metadata, body: { code_0: "AB-123", code_1: "b12" } });
const bad = parseEvent({ metadata, body: { code_0: "AB-123", code_1: "a12" } });
if (!good.ok || bad.ok || bad.errors[0]?.path !== "/body/code_1") throw new Error(JSON.stringify([good, bad]));
export {};
`,
  );
  assert.equal(compileProblems([consumer]), []);
  const { parseEvent } = (await import(path.join(out, "index.ts"))) as typeof import("../generated/index.js");
  const metadata = { event_name: "beta_happened", event_time: "2020-03-24T16:55:59.973Z", root_account_id: "21070000000000001", producer: "canvas" };
  assert.ok(parseEvent({ metadata, body: { code_0: "AB-123", code_1: "b12" } }).ok);
  const bad = parseEvent({ metadata, body: { code_0: "AB-123", code_1: "a12" } });
  assert.ok(!bad.ok && bad.errors.some((error) => error.path === "/body/code_1"), JSON.stringify(bad));
});

test("the watch's memo serves untouched groups and writes what a fresh run writes", async () => {
  const memo = { parseMemo: new Map() as ParseMemo, stepMemo: new StepMemo() };
  const versions: Record<string, string>[] = [
    { "alpha.yaml": groupFile("Alpha", "alpha_happened", ["^a[0-9]{2}$"]), "beta.yaml": groupFile("Beta", "beta_happened", ["^b[0-9]{2}$"]) },
    { "alpha.yaml": groupFile("Alpha", "alpha_happened", ["^a[0-9]{2}$"]), "beta.yaml": groupFile("Beta", "beta_happened", ["^b[0-9]{2}$", "^a[0-9]{2}$"]) },
    { "alpha.yaml": groupFile("Alpha", "alpha_happened", ["^x[0-9]{2}$"]), "beta.yaml": groupFile("Beta", "beta_happened", ["^b[0-9]{2}$", "^a[0-9]{2}$"]) },
    { "alpha.yaml": groupFile("Alpha", "alpha_happened", ["^x[0-9]{2}$"]), "beta.yaml": groupFile("Beta", "beta_renamed", ["^b[0-9]{2}$"]) },
  ];
  for (const [index, groups] of versions.entries()) {
    const remembered = await buildWith(groups, memo);
    const fresh = await buildWith(groups);
    assert.equal([...remembered.files], [...fresh.files], `version ${index + 1}: same files`);
  }
});

test.run();
