import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { cacheFolder } from "../cache/cache-folder.js";

/**
 * Runs the bundled command (dist/bundle/eventspec.cjs, see scripts/bundle-cli.mjs) with V8's code
 * cache, which Node 20 offers only to classic scripts (`module.enableCompileCache` is Node 22).
 * The first successful run of a command saves the bytecode V8 compiled for it; later runs start
 * from that instead of parsing and compiling the bundle again.
 *
 * The cache is a file per bundle, Node version and command in eventspec's cache folder
 * (`node_modules/.cache/eventspec/`, or EVENTSPEC_CACHE_DIR), named by a hash of the bundle's
 * bytes: V8 itself checks only the source's length, so a rebuilt bundle must never meet the old
 * file. V8 rejects data from another V8 version or other flags, and the run then compiles as
 * usual. A file that cannot be read or written is no error; deleting the folder is always safe.
 * EVENTSPEC_CODE_CACHE=0 turns it off.
 */
export async function runBundledCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const source = readFileSync(BUNDLE, "utf8");
  const cacheFile = env.EVENTSPEC_CODE_CACHE === "0" ? undefined : codeCacheFile(source, argv, env);
  const cachedData = cacheFile ? readOwnFile(cacheFile) : undefined;
  const script = new vm.Script(WRAPPER_START + source + WRAPPER_END, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const bundle = { exports: {} as { main?: (argv: string[]) => Promise<number> } };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE), importPackage);
  const code = await bundle.exports.main!([...argv]);
  // Saved after the run, so that it holds every function the command compiled; only after a
  // success, which went the whole way.
  if (cacheFile && code === 0 && (!cachedData || script.cachedDataRejected)) saveCodeCache(cacheFile, script.createCachedData());
  return code;
}

/** The bundle, in dist/bundle/, beside dist/generator/ where this module runs from. */
const BUNDLE = fileURLToPath(new URL("../../bundle/eventspec.cjs", import.meta.url));

/**
 * CommonJS's module wrapper, plus the bundle's `import()` of its optional dependencies: a script
 * run by `vm` cannot call `import()` on Node 20 without an experimental flag, so the build rewrites
 * those calls to `__importPackage(…)`, which imports from here.
 */
const WRAPPER_START = "(function (exports, require, module, __filename, __dirname, __importPackage) {";
const WRAPPER_END = "\n})";
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

function codeCacheFile(source: string, argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const folder = cacheFolder(process.cwd(), env);
  if (!folder) return undefined;
  // One file per command: each holds the functions its own runs compile.
  const command = /^[a-z][a-z-]{0,30}$/.test(argv[0] ?? "") ? argv[0]! : "other";
  const key = createHash("sha256").update(`${process.version}\0${process.arch}\0`).update(source).digest("hex").slice(0, 24);
  return path.join(folder, `code-${command}-${key}.bin`);
}

/** The file's bytes, if it exists and only this user can have written it (it is code V8 will run). */
function readOwnFile(file: string): Buffer | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, "r");
    const stats = fstatSync(descriptor);
    if (process.getuid && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) return undefined;
    return readFileSync(descriptor);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Writes the file whole (a temporary file renamed over it) and removes this command's files of other bundles. */
function saveCodeCache(file: string, data: Buffer): void {
  const folder = path.dirname(file);
  const prefix = path.basename(file).replace(/[0-9a-f]+\.bin$/, "");
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith(".bin") && name !== path.basename(file)) rmSync(path.join(folder, name), { force: true });
    }
  } catch {
    rmSync(temporary, { force: true });
  }
}
