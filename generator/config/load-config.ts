import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { didYouMean } from "../check/suggest.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, diagnosticForFile, type SpecSource } from "../load/spec-source.js";
import { CONFIG_FILE_NAMES, CONFIG_KEYS } from "./config-keys.js";

export interface LoadedConfig {
  /** The config file, absolute; absent when none was found. */
  file?: string;
  /** Option name → value (paths absolute). */
  options: Record<string, string>;
  diagnostics: Diagnostic[];
}

/** The nearest eventspec.config.json (or .yaml/.yml) in `cwd` or a folder above it. */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(folder, name);
      if (await access(candidate).then(() => true, () => false)) return candidate;
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

/**
 * Reads the config file, if any, into `generate` options. Mistakes are diagnostics at the key or
 * value (the file is parsed with `yaml`, which reads JSON too and keeps positions).
 */
export async function loadConfig(cwd: string, display: (file: string) => string): Promise<LoadedConfig> {
  const file = await findConfigFile(cwd);
  if (!file) return { options: {}, diagnostics: [] };
  const shown = display(file);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return { file, options: {}, diagnostics: [diagnosticForFile(shown, "config/invalid", "The config file cannot be read.", "Check its permissions, or delete it.")] };
  const { LineCounter, parseDocument, isMap, isScalar } = await import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source: SpecSource = { path: shown, text, lineCounter, document };
  const at = (range: readonly [number, number, number?] | null | undefined, message: string, hint: string) => diagnosticAt({ source, start: range?.[0] ?? 0, end: range?.[1] ?? 0 }, "config/invalid", message, hint);
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    return { file, options: {}, diagnostics: [at(error.pos, `The config file does not parse: ${error.message.split("\n")[0]}`, "Write it as one JSON object, such as { \"spec\": \"spec\", \"out\": \"generated\" }.")] };
  }
  if (!isMap(document.contents)) return { file, options: {}, diagnostics: [at(document.contents?.range, "The config file must hold one object of settings.", `Use the keys ${Object.keys(CONFIG_KEYS).join(", ")}.`)] };
  const options: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const pair of document.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    const key = keyNode ? String(keyNode.value) : "";
    if (key === "$schema") continue;
    const entry = CONFIG_KEYS[key];
    if (!entry) {
      diagnostics.push(at(keyNode?.range, `Unknown key \`${key}\` in the config file.`, didYouMean(key, Object.keys(CONFIG_KEYS)) ?? `The keys are ${Object.keys(CONFIG_KEYS).join(", ")}.`));
      continue;
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (entry.kind === "switch") {
      if (typeof value === "boolean") options[entry.option] = String(value);
      else diagnostics.push(at((pair.value as { range?: [number, number, number] } | null)?.range ?? keyNode?.range, `\`${key}\` must be true or false.`, entry.description));
      continue;
    }
    if (typeof value !== "string" || value === "") {
      diagnostics.push(at((pair.value as { range?: [number, number, number] } | null)?.range ?? keyNode?.range, `\`${key}\` must be ${entry.kind === "path" ? "a path" : `one of ${entry.choices!.join(", ")}`}.`, entry.description));
      continue;
    }
    if (entry.kind === "choice" && !entry.choices!.includes(value)) {
      diagnostics.push(at(pair.value && "range" in pair.value ? pair.value.range : undefined, `\`${key}\` must be one of ${entry.choices!.join(", ")}, not "${value}".`, entry.description));
      continue;
    }
    options[entry.option] = entry.kind === "path" ? path.resolve(path.dirname(file), value) : value;
  }
  return { file, options, diagnostics };
}
