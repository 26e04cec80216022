// The package as a user gets it: `npm pack`, then `npm install --offline` of the tarball into an
// empty project. npm cannot fetch anything here, so the project is seeded with eventspec's
// runtime dependencies (the non-dev entries of package-lock.json, copied from node_modules); npm
// finds them already in place and installs only the tarball. No install script runs
// (--ignore-scripts): the package must work as unpacked.
import { execFile } from "node:child_process";
import { chmod, cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { REPO, temporaryFolder } from "./generate.js";

const run = promisify(execFile);
let installed: Promise<string> | undefined;

/** The consumer project's folder (readable by every user), installed once per test process. */
export function installedPackage(): Promise<string> {
  installed ??= install();
  return installed;
}

async function install(): Promise<string> {
  const root = await temporaryFolder("eventspec-package-");
  // mkdtemp makes the folder private; other users (the `nobody` of the paths test) must enter it.
  await chmod(root, 0o755);
  const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", root, "--silent"], { cwd: REPO, env });
  const tarball = path.join(root, stdout.trim().split("\n").pop()!);
  const project = path.join(root, "consumer");
  await mkdir(project);
  await writeFile(path.join(project, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  const lock = JSON.parse(await readFile(path.join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location.startsWith("node_modules/") || entry.dev || entry.devOptional) continue;
    await cp(path.join(REPO, location), path.join(project, location), { recursive: true });
  }
  await run("npm", ["install", "--offline", "--ignore-scripts", "--no-package-lock", tarball], { cwd: project, env });
  return project;
}
