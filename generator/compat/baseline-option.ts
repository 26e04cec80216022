import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import { baselineFromFolder, baselineFromRef, type Baseline } from "./baseline.js";

export const FAIL_ON = ["breaking", "none"] as const;

/**
 * The baseline `generate` compares with: `--baseline-ref REF` (the spec at a git ref, built in
 * memory), `--baseline DIR` (an earlier output folder), or by default the output folder about to
 * be replaced. A ref that cannot be read is a warning, not a failure of the generation.
 */
export async function chooseBaseline(props: { specDir: string; outDir: string; cwd: string; baselineDir?: string | undefined; baselineRef?: string | undefined }): Promise<{ baseline?: Baseline; diagnostics: Diagnostic[] }> {
  if (props.baselineRef !== undefined) {
    const result = await baselineFromRef({ specDir: props.specDir, ref: props.baselineRef });
    if (result.ok) return { baseline: result.baseline, diagnostics: [] };
    const warning = diagnosticForFile(
      `${path.basename(props.specDir)}`,
      "compat/baseline-unreadable",
      `No breaking-change check: ${result.reason}.`,
      "Name a commit, branch or tag that holds the spec folder (in CI, fetch it first: `git fetch origin main`).",
    );
    return { diagnostics: [{ ...warning, severity: "warning" }] };
  }
  const directory = props.baselineDir === undefined ? props.outDir : path.resolve(props.cwd, props.baselineDir);
  return { baseline: await baselineFromFolder(directory, `${path.relative(props.cwd, directory) || "."}/`), diagnostics: [] };
}

/** Whether `--fail-on breaking` turns these diagnostics into exit code 1. */
export function failsOn(failOn: string | undefined, diagnostics: readonly Diagnostic[]): boolean {
  return failOn === "breaking" && diagnostics.some((diagnostic) => diagnostic.rule === "compat/breaking-change" || diagnostic.rule === "compat/baseline-unreadable");
}
