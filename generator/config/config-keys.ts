/**
 * The keys of eventspec.config.json, each mapped to the `generate` option it sets. A new key is
 * one line here and one property in eventspec.config.schema.json (a test keeps the two in step).
 * `path` values are resolved against the config file's folder, as a flag is against the cwd.
 */
export interface ConfigKey {
  /** The `generate` option (flag name) the key sets. */
  option: string;
  kind: "path" | "choice" | "switch";
  choices?: readonly string[];
  description: string;
}

export const CONFIG_KEYS: Record<string, ConfigKey> = {
  spec: { option: "spec", kind: "path", description: "The spec folder (--spec)." },
  out: { option: "out", kind: "path", description: "The output folder (--out)." },
  templates: { option: "templates", kind: "path", description: "A folder of docs templates (--templates)." },
  site: { option: "site", kind: "path", description: "Also write the static HTML docs site to this folder (--site)." },
  emit: { option: "emit", kind: "choice", choices: ["ts", "js"], description: "The language of the generated code (--emit)." },
  format: { option: "format", kind: "choice", choices: ["text", "json", "github"], description: "How diagnostics are printed (--format)." },
  fixtures: { option: "fixtures", kind: "switch", description: "Write the fixtures modules for tests (true by default; false is --no-fixtures)." },
  tsCheck: { option: "ts-check", kind: "switch", description: "Leave `// @ts-nocheck` out of the generated TypeScript, so that a consumer's tsc checks its code too, not only its types (false by default; true is --ts-check)." },
};

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ["eventspec.config.json", "eventspec.config.yaml", "eventspec.config.yml"] as const;
