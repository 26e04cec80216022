// `npm run build`, after tsc: bundles the compiled command (dist/generator/cli.js) into one
// CommonJS file, dist/bundle/eventspec.cjs, which bin/eventspec.js runs. One file instead of some
// 180 modules (eventspec's own, yaml's, diff's) saves the module loader's resolving and reading at
// every start, and, as a classic script, it can use V8's code cache on Node 20 (see
// generator/launch/run-bundled-cli.ts). Built at pack time: the package runs it with no esbuild.
//
// The parts a run may never need stay outside, loaded by `import()` only when asked for: prettier,
// ts-morph (`--emit js`), the site's markdown-it, minisearch and shiki, chokidar (`--watch`), and
// ajv (the JSON Schema importer; the spec-format validator requires its runtime helpers itself).
import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
/** Libraries every `generate` loads, and small: bundled. Every other dependency stays external. */
const BUNDLED = new Set(["yaml", "diff", "mustache"]);
const external = Object.keys(manifest.dependencies).filter((name) => !BUNDLED.has(name));

const outfile = path.join(root, "dist", "bundle", "eventspec.cjs");
const result = await build({
  entryPoints: [path.join(root, "dist", "generator", "cli.js")],
  outfile,
  write: false,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Each external by name and by its subpaths (shiki/core, ajv/dist/…).
  external: external.flatMap((name) => [name, `${name}/*`]),
  // import.meta does not exist in CommonJS: the few modules that use it (to find the package's
  // files, to require ajv's runtime helpers, to find minisearch's folder) get the bundle's own URL,
  // and a resolve from the bundle's folder.
  define: { "import.meta.url": "__bundleUrl", "import.meta.resolve": "__bundleResolve" },
  banner: {
    js: [
      '"use strict";',
      'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;',
      'const __bundleResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
    ].join("\n"),
  },
  legalComments: "inline",
  logLevel: "warning",
});

// A warning here is a bundle that would run differently from the compiled modules (an
// `import.meta` property with no CommonJS stand-in, say): fail the build instead.
if (result.warnings.length > 0) throw new Error(`bundle-cli: esbuild warned (see above); the bundle would not behave like dist/generator/.`);

// The launcher runs the bundle through `vm` to use V8's code cache, and a script run that way
// cannot call `import()` on Node 20 without an experimental flag. So each `import("…")` of an
// external package or a Node built-in becomes `__importPackage("…")`, a function the launcher
// passes in. Anything else that looks like `import(` fails the build rather than the command.
const externals = new Set(external);
const importable = (specifier) => specifier.startsWith("node:") || externals.has(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);
const code = result.outputFiles[0].text.replace(/(?<![\w$.])import\(("[^"\\]*")\)/g, (call, literal) => (importable(JSON.parse(literal)) ? `__importPackage(${literal})` : call));
const left = code.match(/(?<![\w$.])import\(.{0,60}/);
if (left) throw new Error(`bundle-cli: an import() the launcher cannot serve: ${left[0]}`);
await mkdir(path.dirname(outfile), { recursive: true });
await writeFile(outfile, code);
