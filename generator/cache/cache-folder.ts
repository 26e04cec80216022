import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Where eventspec keeps its caches: `node_modules/.cache/eventspec/` of the nearest folder above
 * `cwd` that holds a package.json, or EVENTSPEC_CACHE_DIR. A module of its own, so that the
 * command's launcher finds the folder without loading anything else.
 */
export function cacheFolder(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.EVENTSPEC_CACHE_DIR) return path.resolve(cwd, env.EVENTSPEC_CACHE_DIR);
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, "package.json"))) return path.join(folder, "node_modules", ".cache", "eventspec");
    if (path.dirname(folder) === folder) return undefined;
  }
}
