// The command as installed runs the bundle with V8's code cache (generator/launch/run-bundled-cli.ts):
// a successful run saves it, later runs use it, and a file V8 rejects, or one that someone else
// could have written, is replaced; the output is the same bytes every time.
import { execFile } from "node:child_process";
import { chmod, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTree, REPO, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

const run = promisify(execFile);
const BIN = path.join(REPO, "bin", "eventspec.js");

async function generate(root: string, out: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, [BIN, "generate", "--spec", SHIPPED_SPEC, "--out", out, "--no-cache"], { cwd: root, env: { ...process.env, EVENTSPEC_CACHE_DIR: path.join(root, "cache"), ...env } });
  assert.match(stdout, /^eventspec: 3 events → /);
  return readTree(path.join(root, out));
}

const codeFiles = async (root: string) => (await readdir(path.join(root, "cache")).catch(() => [] as string[])).filter((name) => name.startsWith("code-"));

test("code cache: the first run saves it, the next runs use it, with the same output", async () => {
  const root = await temporaryFolder("eventspec-code-cache-");
  const first = await generate(root, "a");
  const [file, ...more] = await codeFiles(root);
  assert.ok(file, "the run saved a code cache");
  assert.equal(more, []);
  assert.match(file!, /^code-generate-[0-9a-f]{24}\.bin$/);
  const saved = await stat(path.join(root, "cache", file!));
  assert.is(saved.mode & 0o777, 0o600);
  assert.equal(await generate(root, "b"), first);
  assert.is((await stat(path.join(root, "cache", file!))).mtimeMs, saved.mtimeMs, "an accepted cache is not rewritten");
});

test("code cache: a file V8 rejects, or one others could write, is replaced; a stale bundle's file is removed", async () => {
  const root = await temporaryFolder("eventspec-code-cache-");
  const expected = await generate(root, "a");
  const [file] = await codeFiles(root);
  const target = path.join(root, "cache", file!);
  const size = (await stat(target)).size;

  await writeFile(target, "not bytecode");
  assert.equal(await generate(root, "b"), expected);
  assert.ok((await stat(target)).size > size / 2, "garbage was replaced by a fresh cache");

  await chmod(target, 0o666);
  await generate(root, "c");
  assert.is((await stat(target)).mode & 0o777, 0o600, "a file writable by others was not used, and was replaced");

  await writeFile(path.join(root, "cache", "code-generate-000000000000000000000000.bin"), "an older bundle's cache");
  await writeFile(target, "not bytecode");
  await generate(root, "d");
  assert.equal(await codeFiles(root), [file], "only the current bundle's file is left");
});

test("code cache: EVENTSPEC_CODE_CACHE=0 neither reads nor writes one", async () => {
  const root = await temporaryFolder("eventspec-code-cache-");
  await generate(root, "a", { EVENTSPEC_CODE_CACHE: "0" });
  assert.equal(await codeFiles(root), []);
});

test.run();
