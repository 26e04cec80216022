import path from "node:path";
import { parseArgs } from "node:util";
import type { Io } from "../cli.js";
import { readSpecFolder } from "../load/read-spec-folder.js";
import { baselineFromFiles, baselineFromRef, type BaselineResult } from "./baseline.js";
import { diffEventSchemas } from "./compare-schemas.js";
import { changelogJson, changelogMarkdown } from "./render-changelog.js";

const USAGE = `Usage: eventspec diff <base-ref> [<head-ref>] [--spec DIR] [--format markdown|json] [--fail-on breaking]

Prints the changes to the events between the spec folder at <base-ref> and at <head-ref> (by
default the working tree): events and fields added or removed, type, nullability, enum and
constraint changes, each marked breaking or not. Both specs are read straight from git and built
in memory; nothing is checked out or written.

Options:
  --spec DIR        the spec folder (default: spec)
  --format FORMAT   markdown (default, fit for a pull-request comment) or json
  --fail-on breaking  exit 1 when any change is breaking

Exit codes: 0 compared; 1 breaking changes with --fail-on breaking, a ref or spec that cannot be
read, or bad arguments; 2 internal error.
`;

/** `eventspec diff <ref> [<ref>]`. */
export async function runDiffCommand(argv: readonly string[], io: Io): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        spec: { type: "string", default: "spec" },
        format: { type: "string", default: "markdown" },
        "fail-on": { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    io.stderr(`eventspec diff: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [base, head, ...extra] = positionals;
  const problem =
    base === undefined
      ? "name the git ref to compare with, e.g. `origin/main`."
      : extra.length > 0
        ? `unexpected argument "${extra[0]}".`
        : !["markdown", "json"].includes(values.format)
          ? `--format must be markdown or json, not "${values.format}".`
          : values["fail-on"] !== undefined && values["fail-on"] !== "breaking" && values["fail-on"] !== "none"
            ? `--fail-on must be breaking or none, not "${values["fail-on"]}".`
            : undefined;
  if (problem || base === undefined) {
    io.stderr(`eventspec diff: ${problem}\n\n${USAGE}`);
    return 1;
  }
  const specDir = path.resolve(io.cwd, values.spec);
  const before = await baselineFromRef({ specDir, ref: base });
  const after = head === undefined ? await workingTree(specDir) : await baselineFromRef({ specDir, ref: head });
  for (const [result, name] of [[before, base], [after, head ?? "the working tree"]] as const) {
    if (!result.ok) {
      io.stderr(`eventspec diff: cannot read the spec at ${name}: ${result.reason}.${result.reason.includes("error") ? " Run `eventspec generate` on it to see them." : ""}\n`);
      return 1;
    }
  }
  if (!before.ok || !after.ok) return 1;
  const log = { base, head: head ?? "working tree", changes: diffEventSchemas(before.baseline.schemas, after.baseline.schemas) };
  io.stdout(values.format === "json" ? changelogJson(log) : changelogMarkdown(log));
  return values["fail-on"] === "breaking" && log.changes.some((change) => change.breaking) ? 1 : 0;
}

async function workingTree(specDir: string): Promise<BaselineResult> {
  const read = await readSpecFolder(specDir);
  if (read.files.length === 0) return { ok: false, reason: read.diagnostics[0]?.message.replace(/\.$/, "") ?? "no spec files" };
  return baselineFromFiles(read.files, specDir, "the working tree");
}
