// Command-line paths that cannot be used: each case runs the CLI in a fresh folder holding a sound
// spec/ and a previous generated/ (with the user's own files), changes one thing, and checks the
// exit code, the exact diagnostics (or the message, for write failures), that no stack trace is
// printed, and that generated/ is byte-identical afterwards.
import { spawn } from "node:child_process";
import { chmod, cp, mkdir, rm, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../generator/diagnostics/diagnostic.js";
import { readTree, REPO, runCli, temporaryFolder, writeTree } from "./helpers/generate.js";
import { installedPackage } from "./helpers/installed-package.js";

const CORPUS = path.join(import.meta.dirname, "corpus");
const USER_FILES = { "README.md": "# Ours\n", ".gitkeep": "" };
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n|internal error/;

/** A folder with spec/ (the corpus base plus one event) and generated/ from it, plus the user's files. */
async function workspace(): Promise<string> {
  const root = await temporaryFolder("eventspec-paths-");
  await cp(path.join(CORPUS, "_base"), path.join(root, "spec"), { recursive: true });
  await cp(path.join(CORPUS, "_previous"), path.join(root, "spec"), { recursive: true });
  await writeTree(path.join(root, "generated"), USER_FILES);
  const first = await runCli(["generate"], root);
  assert.is(first.code, 0, first.stderr);
  return root;
}

interface PathCase {
  name: string;
  arrange: (root: string) => Promise<void>;
  argv: string[];
  /** Exact diagnostics as [rule, file, line, column]. */
  diagnostics: [string, string, number, number][];
  /** A pattern the JSON output must match too. */
  message?: RegExp;
}

const cases: PathCase[] = [
  { name: "a missing --spec folder", arrange: async () => undefined, argv: ["--spec", "nope"], diagnostics: [["io/unreadable", "nope", 0, 0]] },
  { name: "an empty --spec folder", arrange: (root) => mkdir(path.join(root, "empty")), argv: ["--spec", "empty"], diagnostics: [["io/no-spec-files", "empty", 0, 0]] },
  {
    name: "a --spec folder holding no .yaml file",
    arrange: (root) => writeTree(path.join(root, "notes"), { "README.md": "# Specs go here\n", "catalog.json": "{}" }),
    argv: ["--spec", "notes"],
    diagnostics: [["io/no-spec-files", "notes", 0, 0]],
  },
  { name: "a --spec that is a file", arrange: (root) => writeFile(path.join(root, "spec.yaml"), "catalog: {}\n"), argv: ["--spec", "spec.yaml"], diagnostics: [["io/unreadable", "spec.yaml", 0, 0]] },
  {
    name: "a spec file that is a link to nothing",
    arrange: (root) => symlink(path.join(root, "gone.yaml"), path.join(root, "spec", "linked.yaml")),
    argv: [],
    diagnostics: [["io/unreadable", "spec/linked.yaml", 0, 0]],
  },
  { name: "an --out that is a file", arrange: (root) => writeFile(path.join(root, "out.txt"), "not a folder\n"), argv: ["--out", "out.txt"], diagnostics: [["io/bad-option", "out.txt", 0, 0]] },
  { name: "an --out inside the spec folder", arrange: async () => undefined, argv: ["--out", "spec/generated"], diagnostics: [["io/bad-option", "spec/generated", 0, 0]] },
  { name: "an --out that is the spec folder", arrange: async () => undefined, argv: ["--out", "spec"], diagnostics: [["io/bad-option", "spec", 0, 0]] },
  { name: "an --out that holds the spec folder", arrange: async () => undefined, argv: ["--out", "."], diagnostics: [["io/bad-option", ".", 0, 0]] },
  {
    name: "a --templates folder missing a template",
    arrange: async (root) => {
      await cp(path.join(REPO, "templates"), path.join(root, "templates"), { recursive: true });
      await unlink(path.join(root, "templates", "group.md.mustache"));
    },
    argv: ["--templates", "templates"],
    diagnostics: [["templates/missing", "templates/group.md.mustache", 0, 0]],
  },
  {
    name: "a --templates folder with a template that does not parse",
    arrange: async (root) => {
      await cp(path.join(REPO, "templates"), path.join(root, "templates"), { recursive: true });
      await writeFile(path.join(root, "templates", "index.md.mustache"), "# {{catalog.name}}\n{{#events}}\n- {{name}}\n");
    },
    argv: ["--templates", "templates"],
    diagnostics: [["templates/invalid", "templates/index.md.mustache", 2, 1]],
  },
  { name: "a --templates that does not exist", arrange: async () => undefined, argv: ["--templates", "no-templates"], diagnostics: [["io/bad-option", "no-templates", 0, 0]] },
  {
    name: "an --out below a file",
    arrange: (root) => writeFile(path.join(root, "plain-file"), "x\n"),
    argv: ["--out", "plain-file/generated"],
    diagnostics: [["io/unwritable", "plain-file/generated", 0, 0]],
    message: /Cannot write plain-file\/generated\/: a file stands where a folder should be \(ENOTDIR\)/,
  },
  {
    name: "a user's file where eventspec writes",
    arrange: (root) => writeFile(path.join(root, "generated", "docs", "previous.md"), "# My own notes on the Previous group\n"),
    argv: [],
    diagnostics: [["io/not-owned", "generated/docs/previous.md", 0, 0]],
  },
  {
    name: "a folder where eventspec writes a file",
    arrange: async (root) => {
      await rm(path.join(root, "generated", "types.ts"));
      await mkdir(path.join(root, "generated", "types.ts"));
      await writeFile(path.join(root, "generated", "types.ts", "mine.txt"), "mine\n");
    },
    argv: [],
    diagnostics: [["io/not-owned", "generated/types.ts", 0, 0]],
  },
];

for (const item of cases) {
  test(`paths: ${item.name}`, async () => {
    const root = await workspace();
    await item.arrange(root);
    const before = await readTree(path.join(root, "generated"));
    const result = await runCli(["generate", "--format", "json", ...item.argv], root);
    assert.is(result.code, 1, result.stdout);
    assert.is(result.stderr, "");
    assert.not.match(result.stdout, STACK_TRACE);
    const diagnostics = (JSON.parse(result.stdout) as Diagnostic[]).map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.line, diagnostic.column]);
    assert.equal(diagnostics, item.diagnostics);
    const text = await runCli(["generate", ...item.argv], root);
    assert.is(text.code, 1);
    assert.match(text.stderr, /\nNothing was written to [^\n]+\.\n$/);
    assert.not.match(text.stderr, STACK_TRACE);
    if (item.message) assert.match(result.stdout, item.message);
    assert.equal(await readTree(path.join(root, "generated")), before, "generated/ changed");
  });
}

/**
 * Runs the real command in a child process, as `uid` if given (to drop root's right to write
 * anywhere). That user may not be able to enter the folder this repository is cloned in (a home
 * folder of mode 700, mktemp -d), so it runs the packed package installed in a folder it can read.
 */
async function runChild(argv: string[], cwd: string, uid?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = uid === undefined ? path.join(REPO, "bin", "eventspec.js") : path.join(await installedPackage(), "node_modules", "eventspec", "bin", "eventspec.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, ...(uid === undefined ? {} : { uid, gid: uid }), env: { ...process.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("paths: an output folder that cannot be written", async () => {
  const root = await workspace();
  // Change the spec so that there is something to write.
  await writeFile(path.join(root, "spec", "more.yaml"), "group:\n  name: More\nevents:\n  more_happened:\n    definition: More happened.\n    body:\n      item_id: { type: CanvasId, description: The item. }\n    examples:\n      - payload:\n          metadata: { event_name: more_happened, event_time: \"2020-03-24T16:55:59Z\" }\n          body: { item_id: \"1\" }\n");
  const before = await readTree(path.join(root, "generated"));
  // Root may write anywhere: as root, run the command as `nobody`, for whom the folder is read-only.
  const asRoot = process.getuid?.() === 0;
  for (const folder of [root, path.join(root, "spec"), path.join(root, "generated"), path.join(root, "generated", "docs"), path.join(root, "generated", "schema")]) await chmod(folder, 0o555);
  try {
    const result = await runChild(["generate", "--format", "json"], root, asRoot ? 65534 : undefined);
    assert.is(result.code, 1, result.stderr);
    const diagnostics = JSON.parse(result.stdout) as Diagnostic[];
    assert.equal(diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.line, diagnostic.column]), [["io/unwritable", "generated", 0, 0]]);
    assert.match(diagnostics[0]!.message, /^Cannot write generated\/: permission denied \(EACCES\)\.$/);
    const text = await runChild(["generate"], root, asRoot ? 65534 : undefined);
    assert.is(text.stderr, "generated error io/unwritable Cannot write generated/: permission denied (EACCES).\n  hint: The output folder was left as it was; fix the cause and run again.\n1 error in 1 file.\nNothing was written to generated.\n");
  } finally {
    for (const folder of [root, path.join(root, "spec"), path.join(root, "generated"), path.join(root, "generated", "docs"), path.join(root, "generated", "schema")]) await chmod(folder, 0o755);
  }
  assert.equal(await readTree(path.join(root, "generated")), before, "generated/ changed");
});

test("paths: diagnostics are plain text when stderr is piped (the real command, in a child process)", async () => {
  const root = await workspace();
  await writeFile(path.join(root, "spec", "broken.yaml"), "group:\n  name: Broken\n  descripton: Misspelt.\n");
  const before = await readTree(path.join(root, "generated"));
  const result = await runChild(["generate"], root);
  assert.is(result.code, 1);
  assert.is(result.stderr, "spec/broken.yaml:3:3 error spec/unknown-key Unknown key `descripton` in `group`.\n  hint: Did you mean `description`?\n1 error in 1 file.\nNothing was written to generated.\n");
  assert.equal(await readTree(path.join(root, "generated")), before);
});

test("paths: unknown options and formats are refused plainly", async () => {
  const root = await workspace();
  const unknown = await runCli(["generate", "--sepc", "spec"], root);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /Unknown option '--sepc'/);
  const format = await runCli(["generate", "--format", "xml"], root);
  assert.is(format.code, 1);
  assert.match(format.stderr, /--format must be text, json or github/);
});

test.run();
