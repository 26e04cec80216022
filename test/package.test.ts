// The published package in an empty project with no TypeScript toolchain: `npx eventspec
// generate` and `--check` run the compiled JavaScript from dist/ and find their templates,
// runtime and schema inside the package.
import { execFile } from "node:child_process";
import { access, cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, readTree, REPO, SHIPPED_SPEC } from "./helpers/generate.js";
import { installedPackage } from "./helpers/installed-package.js";

const run = promisify(execFile);

async function npx(project: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["--no-install", "eventspec", ...args], { cwd: project, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const exists = (file: string) => access(file).then(() => true, () => false);

test("package: the tarball holds the compiled command and what it reads, and no TypeScript loader", async () => {
  const project = await installedPackage();
  const installed = path.join(project, "node_modules", "eventspec");
  for (const file of ["bin/eventspec.js", "dist/bundle/eventspec.cjs", "dist/generator/launch/run-bundled-cli.js", "generator/runtime/runtime.ts", "generator/check/spec-format.schema.json", "eventspec.config.schema.json", "templates/group.md.mustache"]) {
    assert.ok(await exists(path.join(installed, file)), `${file} is in the package`);
  }
  assert.not.ok(await exists(path.join(installed, "generator", "cli.ts")), "sources are not shipped");
  for (const toolchain of ["typescript", "tsx", "esbuild"]) assert.not.ok(await exists(path.join(project, "node_modules", toolchain)), `${toolchain} is not installed`);
  const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  assert.not.ok("tsx" in manifest.dependencies);
});

test("package: npx eventspec generate and --check work in an empty project", async () => {
  const project = await installedPackage();
  await cp(SHIPPED_SPEC, path.join(project, "events"), { recursive: true });
  const version = await npx(project, ["--version"]);
  assert.is(version.stdout.trim(), (JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as { version: string }).version);

  const generated = await npx(project, ["generate", "--spec", "events", "--out", "generated"]);
  assert.is(generated.code, 0, generated.stderr);
  assert.match(generated.stdout, /^eventspec: 3 events → generated\/: \d+ written, 0 unchanged, 0 removed in \d+ ms\n$/);
  // The same bytes as the pipeline run from the sources (its banners name the spec folder).
  const expected = await build(path.join(project, "events"));
  assert.equal(await readTree(path.join(project, "generated")), Object.fromEntries(expected.files!.map((file) => [file.path, file.content])));
  // The installed command saved V8's code cache for the next run, in the project's cache folder.
  const cached = await readdir(path.join(project, "node_modules", ".cache", "eventspec"));
  assert.ok(cached.some((name) => /^code-generate-[0-9a-f]+\.bin$/.test(name)), cached.join(", "));

  const check = await npx(project, ["generate", "--spec", "events", "--out", "generated", "--check"]);
  assert.is(check.code, 0, check.stderr);
  assert.match(check.stdout, /is up to date/);

  const spec = path.join(project, "events", "conversation.yaml");
  await writeFile(spec, (await readFile(spec, "utf8")).replace("The Canvas id of the conversation.", "The id of the conversation."));
  const stale = await npx(project, ["generate", "--spec", "events", "--out", "generated", "--check"]);
  assert.is(stale.code, 1);
  assert.match(stale.stderr, /stale: +generated\/groups\/conversation\.types\.ts/);
});

test("package: eventspec.config.json in the project supplies the folders", async () => {
  const project = await installedPackage();
  await cp(SHIPPED_SPEC, path.join(project, "config-events"), { recursive: true });
  await writeFile(path.join(project, "eventspec.config.json"), JSON.stringify({ $schema: "./node_modules/eventspec/eventspec.config.schema.json", spec: "config-events", out: "config-out" }));
  try {
    const result = await npx(project, ["generate"]);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /→ config-out\/:/);
  } finally {
    await writeFile(path.join(project, "eventspec.config.json"), "{}");
  }
});

test.run();
