import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ParseMemo } from "../load/parse-spec-files.js";
import type { Catalog } from "../model/ir.js";
import { checkSpec } from "../pipeline.js";
import type { SpecText } from "./write-spec-yaml.js";

/** Display prefix for the spec files while they only exist in memory. */
export const IN_MEMORY_FOLDER = "imported-spec";

/**
 * Runs `generate`'s checks over spec texts still in memory, with the very function
 * `buildOutputs` calls, minus emitting. The importer judges its examples with this, so what it
 * marks is exactly what `generate` would reject. An importer that checks again after each change
 * passes one `memo`, so that files it did not change are not parsed again.
 */
export function checkWrittenSpec(files: readonly SpecText[], memo?: ParseMemo): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  return checkSpec(
    files.map((file) => ({ path: `${IN_MEMORY_FOLDER}/${file.path}`, text: file.text })),
    IN_MEMORY_FOLDER,
    memo,
  );
}
