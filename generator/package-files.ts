import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The files eventspec reads at run time (docs templates, the runtime copied into the output, the
 * spec format's schema) live in the package, not next to the compiled code: the command runs from
 * dist/generator/ when installed, and from generator/ under tsx in this repository's tests.
 */
function findPackageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // generator/ → the root; dist/generator/ → two levels up.
  const up = path.resolve(here, "..");
  return path.basename(up) === "dist" && existsSync(path.join(up, "..", "package.json")) ? path.resolve(up, "..") : up;
}

export const PACKAGE_ROOT = findPackageRoot();

/** eventspec's own docs templates. */
export const DEFAULT_TEMPLATES = path.join(PACKAGE_ROOT, "templates");

/** The docs templates a templates folder holds. */
export const TEMPLATE_NAMES = ["index.md.mustache", "envelope.md.mustache", "group.md.mustache"] as const;

/** The site's templates, in `<templates>/site/`: three pages, two partials, its stylesheet and script. */
export const SITE_TEMPLATE_NAMES = ["index.html.mustache", "envelope.html.mustache", "group.html.mustache", "head.html.mustache", "foot.html.mustache", "site.css", "site.js"] as const;

/** The dependency-free helpers copied into generated/runtime.ts, as TypeScript source. */
export const RUNTIME_SOURCE = path.join(PACKAGE_ROOT, "generator", "runtime", "runtime.ts");

/** The spec format as a JSON Schema, the same file editors use through the `$schema` comment. */
export const SPEC_FORMAT_SCHEMA = path.join(PACKAGE_ROOT, "generator", "check", "spec-format.schema.json");

/** The config file format as a JSON Schema, for editors. */
export const CONFIG_SCHEMA = path.join(PACKAGE_ROOT, "eventspec.config.schema.json");
