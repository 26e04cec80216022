import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTwoFilesPatch } from "diff";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { formatDiagnostics, type DiagnosticFormat } from "./diagnostics/format-diagnostics.js";
import { diagnosticForFile } from "./load/spec-source.js";
import { chooseBaseline, FAIL_ON, failsOn } from "./compat/baseline-option.js";
import { checkCompatibility } from "./compat/check-compatibility.js";
import { buildOutputs } from "./pipeline.js";
import { hasPendingCommit, LockTimeoutError, writeOutputs } from "./write/apply-changes.js";
import { outputTargets, sitePathProblems } from "./write/output-targets.js";
import { planChanges, type ChangePlan } from "./write/plan-changes.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: code frames and colour. */
  pretty: boolean;
  cwd: string;
}

const HELP = `eventspec: event catalog specs (YAML) → TypeScript types, validators, Markdown docs, JSON Schema

Usage:
  eventspec generate [options]             write the generated files
  eventspec generate --check [options]     write nothing; exit 1 if the output is stale
  eventspec import canvas <dir> --out <spec-dir>
                                           convert Canvas's Live Events JSON docs into YAML specs
  eventspec import json-schema <schema> --out <spec-dir> [--examples <path>]
                                           convert a catalog published as JSON Schema into YAML specs
  eventspec import asyncapi <file> --out <spec-dir>
                                           convert an AsyncAPI 2.6 or 3.0 document into YAML specs
  eventspec diff <ref> [<ref>] [--spec DIR] [--format markdown|json] [--fail-on breaking]
                                           the spec's changes between two git refs (or a ref and
                                           the working tree) as a Markdown changelog
  eventspec --help | --version

Options for generate:
  --spec DIR        spec folder (default: spec)
  --out DIR         output folder (default: generated)
  --templates DIR   docs templates folder (default: eventspec's templates/)
  --site DIR        also write the static HTML site there (e.g. generated/site)
  --check           compare instead of writing; name and diff every stale file
  --format FORMAT   diagnostics as text (default), json, or github (Actions annotations)
  --prettier        run prettier over the generated TypeScript (slower)
  --baseline DIR    warn about changes that break consumers of an earlier output
                    folder (default: the output folder about to be replaced)
  --baseline-ref REF  compare with the spec folder at a git ref instead (read from git,
                    no checkout), e.g. origin/main
  --fail-on breaking  exit 1 when a change breaks consumers (for CI)

Exit codes: 0 success, 1 spec errors or stale output, 2 internal error.
`;

/** The command line. The only place that prints or decides exit codes. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(HELP);
      return command === undefined ? 1 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${await packageVersion()}\n`);
      return 0;
    }
    if (command === "generate") return await generateCommand(rest, io);
    if (command === "diff") {
      const { runDiffCommand } = await import("./compat/diff-command.js");
      return await runDiffCommand(rest, io);
    }
    if (command === "import") {
      const { runImportCommand } = await import("./import/import-command.js");
      return await runImportCommand(rest, io);
    }
    io.stderr(`eventspec: unknown command "${command}".\n\n${HELP}`);
    return 1;
  } catch (error) {
    io.stderr(`eventspec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in eventspec, not in your spec; please report it with the command you ran.\n`);
    return 2;
  }
}

async function generateCommand(argv: readonly string[], io: Io): Promise<number> {
  const started = performance.now();
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        spec: { type: "string", default: "spec" },
        out: { type: "string", default: "generated" },
        templates: { type: "string" },
        site: { type: "string" },
        check: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        prettier: { type: "boolean", default: false },
        baseline: { type: "string" },
        "baseline-ref": { type: "string" },
        "fail-on": { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`eventspec generate: ${(error as Error).message}\nRun \`eventspec --help\` for the options.\n`);
    return 1;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format as DiagnosticFormat;
  if (!["text", "json", "github"].includes(format)) {
    io.stderr(`eventspec generate: --format must be text, json or github, not "${values.format}".\n`);
    return 1;
  }
  if (values["fail-on"] !== undefined && !(FAIL_ON as readonly string[]).includes(values["fail-on"])) {
    io.stderr(`eventspec generate: --fail-on must be ${FAIL_ON.join(" or ")}, not "${values["fail-on"]}".\n`);
    return 1;
  }
  const specDir = path.resolve(io.cwd, values.spec);
  const outDir = path.resolve(io.cwd, values.out);
  const siteDir = values.site === undefined ? undefined : path.resolve(io.cwd, values.site);
  const pathProblems = [...(await checkPaths(specDir, outDir, values.templates ? path.resolve(io.cwd, values.templates) : undefined, io)), ...(siteDir ? await sitePathProblems({ siteDir, specDir, outDir, shown: (target) => displayPath(target, io.cwd) }) : [])];

  const result = pathProblems.length > 0 ? { diagnostics: pathProblems, sources: new Map<string, string>(), files: undefined } : await buildOutputs({ specDir, ...(values.templates ? { templatesDir: path.resolve(io.cwd, values.templates) } : {}), prettier: values.prettier, site: siteDir !== undefined });
  // Breaking changes against the baseline (by default the output about to be replaced) are warnings.
  let compatibility: Diagnostic[] = [];
  if (result.files && result.catalog && !hasErrors(result.diagnostics)) {
    const chosen = await chooseBaseline({ specDir, outDir, cwd: io.cwd, baselineDir: values.baseline, baselineRef: values["baseline-ref"] });
    compatibility = [...chosen.diagnostics, ...(chosen.baseline ? checkCompatibility(chosen.baseline, result.files, result.catalog) : [])];
  }
  const failOnBreaking = failsOn(values["fail-on"], compatibility);
  const failed = () => {
    if (format === "text") io.stderr("eventspec: exit code 1: --fail-on breaking, and a change breaks consumers (or could not be checked).\n");
    return 1;
  };
  const shown = relativeToCwd(sortDiagnostics([...result.diagnostics, ...compatibility]), specDir, io.cwd);
  const sources = new Map([...result.sources].map(([file, text]) => [relativeSpecPath(file, specDir, io.cwd), text]));
  // One report per run (one JSON array for tools), with whatever writing adds to it.
  const report = (diagnostics: readonly Diagnostic[]) => io.stderr(formatDiagnostics(diagnostics, { format, pretty: io.pretty && format === "text", sources }));
  const nothingWritten = (target = outDir) => {
    if (format === "text") io.stderr(`Nothing was written to ${displayPath(target, io.cwd)}.\n`);
    return 1;
  };
  if (hasErrors(result.diagnostics) || !result.files) {
    report(shown);
    return nothingWritten();
  }

  const targets = outputTargets({ outDir, files: result.files, ...(siteDir && result.siteFiles ? { siteDir, siteFiles: result.siteFiles } : {}) });
  if (values.check) {
    report(shown);
    let checked = 0;
    for (const target of targets) checked = Math.max(checked, checkOutput(await planChanges(target.dir, target.files), await hasPendingCommit(target.dir), target.dir, argv, io));
    return failOnBreaking ? failed() : checked;
  }

  const written: string[] = [];
  for (const target of targets) {
    let plan: ChangePlan;
    try {
      plan = await writeOutputs(target.dir, target.files);
    } catch (error) {
      report([...shown, writeFailure(error, target.dir, io.cwd)]);
      return nothingWritten(target.dir);
    }
    if (plan.conflicts.length > 0) {
      report([...shown, ...plan.conflicts.map((file) => conflict(file, target.dir, io.cwd))]);
      return nothingWritten(target.dir);
    }
    written.push(`${displayPath(target.dir, io.cwd)}/: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed`);
  }
  report(shown);
  const events = result.catalog?.events.length ?? 0;
  const milliseconds = Math.round(performance.now() - started);
  io.stdout(`eventspec: ${events} event${events === 1 ? "" : "s"} → ${written.join("; ")} in ${milliseconds} ms\n`);
  return failOnBreaking ? failed() : 0;
}

/** A file the user owns where eventspec would write: reported, never overwritten. */
function conflict(file: string, outDir: string, cwd: string): Diagnostic {
  return diagnosticForFile(
    displayPath(path.join(outDir, file), cwd),
    "io/not-owned",
    "eventspec writes this file, but the file there now was not written by eventspec (it lacks the banner), so it is left alone.",
    "Move or delete it (or the folder standing in its place), then run again.",
  );
}

/** A folder that cannot be written, a full disk, or another run holding the lock: said plainly. */
function writeFailure(error: unknown, outDir: string, cwd: string): Diagnostic {
  const shownOut = displayPath(outDir, cwd);
  if (error instanceof LockTimeoutError) {
    return diagnosticForFile(
      shownOut,
      "io/unwritable",
      `Another eventspec run (process ${error.holder}) is writing ${shownOut}/ and did not finish within a minute.`,
      `Wait for it, or if no such process is running, delete ${displayPath(error.lock, cwd)}.`,
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const failed = (error as NodeJS.ErrnoException | undefined)?.path;
  // eventspec's own bookkeeping files (lock, staging) mean nothing to the user: name their folder.
  const where = failed && /^\.eventspec-/.test(path.basename(failed)) ? path.dirname(failed) : failed;
  const reasons: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
    ENOTDIR: "a file stands where a folder should be",
    EISDIR: "a folder stands where a file should be",
    EEXIST: "a file stands where a folder should be",
    ENOTEMPTY: "a folder that should be empty is not",
    EMFILE: "too many open files",
  };
  if (code === undefined || !(code in reasons)) throw error;
  return diagnosticForFile(
    where ? displayPath(where, cwd) : shownOut,
    "io/unwritable",
    `Cannot write ${shownOut}/: ${reasons[code]} (${code}).`,
    "The output folder was left as it was; fix the cause and run again.",
  );
}

function checkOutput(plan: ChangePlan, pendingCommit: boolean, outDir: string, argv: readonly string[], io: Io): number {
  const shownOut = displayPath(outDir, io.cwd);
  if (plan.write.length === 0 && plan.remove.length === 0 && plan.conflicts.length === 0 && !pendingCommit) {
    io.stdout(`eventspec: ${shownOut}/ is up to date (${plan.unchanged.length} files).\n`);
    return 0;
  }
  const report: string[] = [];
  for (const { file, previous } of plan.write) {
    const name = `${shownOut}/${file.path}`;
    if (previous === undefined) {
      report.push(`missing: ${name}`);
      continue;
    }
    report.push(`stale:   ${name}`, truncate(createTwoFilesPatch(`a/${name}`, `b/${name}`, previous, file.content, "on disk", "from the spec", { context: 2 }), 60));
  }
  for (const removed of plan.remove) report.push(`extra:   ${shownOut}/${removed} (generated before, no longer produced)`);
  for (const conflict of plan.conflicts) report.push(`foreign: ${shownOut}/${conflict} (eventspec would write here, but did not write this file)`);
  if (pendingCommit) report.push(`interrupted: an earlier run was stopped while writing ${shownOut}/; the next \`generate\` completes it.`);
  const fix = ["npm run generate", ...(argv.filter((arg) => arg !== "--check").length > 0 ? ["--", ...argv.filter((arg) => arg !== "--check")] : [])].join(" ");
  io.stderr(`eventspec: ${shownOut}/ is stale: ${plan.write.length + plan.remove.length + plan.conflicts.length} file(s) differ from what the spec generates.\n\n${report.join("\n")}\n\nRun \`${fix}\` and commit the result.\n`);
  return 1;
}

function truncate(patch: string, maxLines: number): string {
  const lines = patch.split("\n").slice(2);
  if (lines.length <= maxLines) return lines.join("\n");
  return [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more diff lines`].join("\n");
}

async function checkPaths(specDir: string, outDir: string, templatesDir: string | undefined, io: Io): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const shown = (target: string) => displayPath(target, io.cwd);
  const specInfo = await stat(specDir).catch(() => undefined);
  if (!specInfo?.isDirectory()) {
    problems.push(diagnosticForFile(shown(specDir), "io/unreadable", `The spec folder ${specInfo ? "is not a folder" : "does not exist"}.`, "Pass the folder that holds your .yaml specs with --spec DIR."));
  }
  const outInfo = await stat(outDir).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) problems.push(diagnosticForFile(shown(outDir), "io/bad-option", "--out names a file, not a folder.", "Pass a folder for the generated files, e.g. --out generated."));
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (outDir === specDir) problems.push(diagnosticForFile(shown(outDir), "io/bad-option", "--out is the spec folder: generated files would be read as specs, and specs could be removed.", "Put the output next to the spec folder, e.g. --out generated."));
  else if (inside(outDir, specDir)) problems.push(diagnosticForFile(shown(outDir), "io/bad-option", "--out is inside the spec folder: generated files would be read as specs.", "Put the output next to the spec folder, e.g. --out generated."));
  else if (inside(specDir, outDir)) problems.push(diagnosticForFile(shown(outDir), "io/bad-option", "--out contains the spec folder: eventspec could remove files it needs.", "Use a separate output folder, e.g. --out generated."));
  if (templatesDir) {
    const info = await stat(templatesDir).catch(() => undefined);
    if (!info?.isDirectory()) problems.push(diagnosticForFile(shown(templatesDir), "io/bad-option", "--templates is not a folder.", "Pass a folder holding index.md.mustache, envelope.md.mustache and group.md.mustache."));
  }
  return problems;
}

/** Diagnostics name spec files as `<spec folder name>/<file>`; show them relative to where the user stands. */
function relativeToCwd(diagnostics: readonly Diagnostic[], specDir: string, cwd: string): Diagnostic[] {
  return diagnostics.map((diagnostic) => ({ ...diagnostic, file: relativeSpecPath(diagnostic.file, specDir, cwd) }));
}

function relativeSpecPath(file: string, specDir: string, cwd: string): string {
  const prefix = `${path.basename(specDir)}/`;
  if (file.startsWith(prefix)) return displayPath(path.join(specDir, file.slice(prefix.length)), cwd);
  return path.isAbsolute(file) ? displayPath(file, cwd) : file;
}

function displayPath(target: string, cwd: string): string {
  const relative = path.relative(cwd, target);
  return (relative === "" ? "." : relative.startsWith("..") && path.isAbsolute(target) && relative.split(path.sep).length > 4 ? target : relative).split(path.sep).join("/");
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    pretty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
}
