import { createTwoFilesPatch } from "diff";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import type { ChangePlan } from "../write/plan-changes.js";

/**
 * What `--check` found, in two forms: diagnostics (one per stale, missing, extra or foreign file,
 * positioned at the file, for `--format json` and GitHub annotations) and the text report for
 * people (the same files, each stale one with a diff).
 */
export interface CheckReport {
  upToDate: boolean;
  diagnostics: Diagnostic[];
  text: string;
}

export function checkReport(props: { plan: ChangePlan; pendingCommit: boolean; shownOut: string; fix: string }): CheckReport {
  const { plan, pendingCommit, shownOut, fix } = props;
  const hint = `Run \`${fix}\` and commit the result.`;
  const diagnostics: Diagnostic[] = [];
  const lines: string[] = [];
  for (const { file, previous } of plan.write) {
    const name = `${shownOut}/${file.path}`;
    if (previous === undefined) {
      lines.push(`missing: ${name}`);
      diagnostics.push(diagnosticForFile(name, "output/stale", "This file is missing: the spec generates it.", hint));
      continue;
    }
    lines.push(`stale:   ${name}`, truncate(createTwoFilesPatch(`a/${name}`, `b/${name}`, previous, file.content, "on disk", "from the spec", { context: 2 }), 60));
    const line = firstDifferentLine(previous, file.content);
    diagnostics.push(diagnosticForFile(name, "output/stale", `This file differs from what the spec generates, from line ${line}.`, hint, line, 1));
  }
  for (const removed of plan.remove) {
    lines.push(`extra:   ${shownOut}/${removed} (generated before, no longer produced)`);
    diagnostics.push(diagnosticForFile(`${shownOut}/${removed}`, "output/stale", "eventspec generated this file before, but the spec no longer produces it.", hint));
  }
  for (const conflict of plan.conflicts) {
    lines.push(`foreign: ${shownOut}/${conflict} (eventspec would write here, but did not write this file)`);
    diagnostics.push(diagnosticForFile(`${shownOut}/${conflict}`, "io/not-owned", "eventspec writes this file, but the file there now was not written by eventspec (it lacks the banner).", "Move or delete it, then run again."));
  }
  if (pendingCommit) {
    lines.push(`interrupted: an earlier run was stopped while writing ${shownOut}/; the next \`generate\` completes it.`);
    diagnostics.push(diagnosticForFile(shownOut, "output/stale", "An earlier run was stopped while writing this folder; the next `generate` completes it.", hint));
  }
  const count = plan.write.length + plan.remove.length + plan.conflicts.length;
  const upToDate = count === 0 && !pendingCommit;
  const text = upToDate ? "" : `eventspec: ${shownOut}/ is stale: ${count} file(s) differ from what the spec generates.\n\n${lines.join("\n")}\n\n${hint}\n`;
  return { upToDate, diagnostics, text };
}

function firstDifferentLine(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index + 1;
}

/** The patch without its `Index:`/`===` preamble, keeping the `---`/`+++` file lines. */
function truncate(patch: string, maxLines: number): string {
  const lines = patch.split("\n");
  const start = lines.findIndex((line) => line.startsWith("--- "));
  const body = lines.slice(start < 0 ? 0 : start);
  if (body.length <= maxLines) return body.join("\n");
  return [...body.slice(0, maxLines), `… ${body.length - maxLines} more diff lines`].join("\n");
}
