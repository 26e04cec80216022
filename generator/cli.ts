import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { formatDiagnostics, type DiagnosticFormat } from "./diagnostics/format-diagnostics.js";
import type { ParseMemo } from "./load/parse-spec-files.js";
import { StepMemo } from "./model/step-memo.js";
import { diagnosticForFile } from "./load/spec-source.js";
import type { EmitLanguage } from "./format/emit-javascript.js";
import { buildWithCache, warmStepMemo } from "./cache/cached-build.js";
import { cacheFolder } from "./cache/cache-folder.js";
import { loadConfig } from "./config/load-config.js";
import { mergeSettings } from "./config/merge-settings.js";
import { PACKAGE_ROOT } from "./package-files.js";
import { checkReport } from "./cli/check-report.js";
import { fixCommand, type Environment } from "./cli/invocation.js";
import { unknownOptionHint } from "./cli/option-suggestion.js";
import { hasPendingCommit, LockTimeoutError, writeOutputs } from "./write/apply-changes.js";
import { isInside, outputTargets, sitePathProblems } from "./write/output-targets.js";
import { planChanges, type ChangePlan } from "./write/plan-changes.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: code frames and colour. */
  pretty: boolean;
  cwd: string;
  /** Environment variables; the fix command `--check` suggests follows how eventspec was run. */
  env?: Environment;
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
  --format FORMAT   diagnostics as text (default, on stderr), json or github
                    (Actions annotations), both on stdout
  --prettier        run prettier over the generated TypeScript (slower)
  --emit LANGUAGE   ts (default): TypeScript modules; js: JavaScript with .d.ts next to it
  --no-fixtures     leave out the fixtures modules (examples and factories for tests);
                    --fixtures writes them even when the config file says "fixtures": false
  --ts-check        leave "// @ts-nocheck" out of the TypeScript modules, so that your tsc
                    checks their code too, not only their types (slower builds; --emit js
                    writes no such line); --no-ts-check writes it when the config file says
                    "tsCheck": true
  --baseline DIR    warn about changes that break consumers of an earlier output
                    folder (default: the output folder about to be replaced)
  --baseline-ref REF  compare with the spec folder at a git ref instead (read from git,
                    no checkout), e.g. origin/main
  --fail-on breaking  exit 1 when a change breaks consumers (for CI)
  --watch           generate again after each change to the specs or templates
  --no-cache        skip what earlier runs kept (node_modules/.cache/eventspec)

eventspec.config.json (or .yaml), in this folder or one above, sets spec, out, templates,
site, emit, format, fixtures and tsCheck; flags override it.

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

interface GenerateOptions {
  specDir: string;
  outDir: string;
  /** `--site DIR`: also write the static HTML site there. */
  siteDir?: string;
  emit: EmitLanguage;
  templatesDir?: string;
  check: boolean;
  format: DiagnosticFormat;
  prettier: boolean;
  /** Whether the fixtures modules are written (`--no-fixtures`, or `"fixtures": false`). */
  fixtures: boolean;
  /** `--ts-check` (or `"tsCheck": true`): no `// @ts-nocheck` in the TypeScript modules. */
  tsCheck: boolean;
  baseline?: string;
  baselineRef?: string;
  failOn?: string;
  cacheDir?: string | undefined;
  /** Parsed spec files, and per-event and per-file results, kept between the runs of `--watch`. */
  parseMemo?: ParseMemo;
  stepMemo?: StepMemo;
}

async function generateCommand(argv: readonly string[], io: Io): Promise<number> {
  let values;
  const flags = {
    spec: { type: "string" },
    out: { type: "string" },
    templates: { type: "string" },
    site: { type: "string" },
    check: { type: "boolean", default: false },
    format: { type: "string" },
    prettier: { type: "boolean", default: false },
    emit: { type: "string" },
    baseline: { type: "string" },
    watch: { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    fixtures: { type: "boolean", default: false },
    "no-fixtures": { type: "boolean", default: false },
    "ts-check": { type: "boolean", default: false },
    "no-ts-check": { type: "boolean", default: false },
    "baseline-ref": { type: "string" },
    "fail-on": { type: "string" },
    help: { type: "boolean", default: false },
  } as const;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }));
  } catch (error) {
    const message = (error as Error).message;
    // The pragma's own name is not a flag: say which way --ts-check goes.
    const hint = /'--ts-?no-?check'/i.test(message) ? "\n`// @ts-nocheck` is written by default; --ts-check leaves it out." : unknownOptionHint(message, Object.keys(flags));
    io.stderr(`eventspec generate: ${message}${hint}\nRun \`eventspec --help\` for the options.\n`);
    return 1;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  // eventspec.config.json (found from the cwd upwards) fills in what the flags leave out.
  const config = await loadConfig(io.cwd, (file) => displayPath(file, io.cwd));
  for (const name of ["fixtures", "ts-check"] as const) {
    if (values[name] && values[`no-${name}`]) {
      io.stderr(`eventspec generate: --${name} and --no-${name} contradict each other; give one.\n`);
      return 1;
    }
  }
  const switchValue = (on: boolean, off: boolean) => (on ? "true" : off ? "false" : undefined);
  const settings = mergeSettings({ ...values, fixtures: switchValue(values.fixtures, values["no-fixtures"]), "ts-check": switchValue(values["ts-check"], values["no-ts-check"]) }, config.options);
  const format = (settings.format ?? "text") as DiagnosticFormat;
  if (!["text", "json", "github"].includes(format)) {
    io.stderr(`eventspec generate: --format must be text, json or github, not "${settings.format}".\n`);
    return 1;
  }
  if (values["fail-on"] !== undefined) {
    // Loaded only when asked for: the compatibility modules pull in the whole pipeline.
    const { FAIL_ON } = await import("./compat/baseline-option.js");
    if (!(FAIL_ON as readonly string[]).includes(values["fail-on"])) {
      io.stderr(`eventspec generate: --fail-on must be ${FAIL_ON.join(" or ")}, not "${values["fail-on"]}".\n`);
      return 1;
    }
  }
  if (config.diagnostics.length > 0) {
    (format === "text" ? io.stderr : io.stdout)(formatDiagnostics(config.diagnostics, { format, pretty: false, sources: new Map() }));
    return 1;
  }
  const emit = settings.emit ?? "ts";
  if (emit !== "ts" && emit !== "js") {
    io.stderr(`eventspec generate: --emit must be ts or js, not "${emit}".\n`);
    return 1;
  }
  const outDir = path.resolve(io.cwd, settings.out ?? "generated");
  const siteDir = settings.site === undefined ? undefined : path.resolve(io.cwd, settings.site);
  const options: GenerateOptions = {
    specDir: path.resolve(io.cwd, settings.spec ?? "spec"),
    outDir,
    ...(siteDir ? { siteDir } : {}),
    emit,
    ...(settings.templates ? { templatesDir: path.resolve(io.cwd, settings.templates) } : {}),
    check: values.check,
    format,
    prettier: values.prettier,
    fixtures: settings.fixtures !== "false",
    tsCheck: settings["ts-check"] === "true",
    ...(values.baseline ? { baseline: path.resolve(io.cwd, values.baseline) } : {}),
    ...(values["baseline-ref"] ? { baselineRef: values["baseline-ref"] } : {}),
    ...(values["fail-on"] ? { failOn: values["fail-on"] } : {}),
    // The cache answers only "nothing changed" (no change against the output it matches); another
    // baseline always needs the full comparison. A site outside the output folder is a second
    // folder the cache does not check, so such runs are not cached either.
    ...(values["no-cache"] || values.baseline || values["baseline-ref"] || (siteDir && !isInside(siteDir, outDir)) ? {} : { cacheDir: cacheFolder(io.cwd) }),
  };
  if (!values.watch) return generateOnce(options, argv, io);
  if (values.check) {
    io.stderr("eventspec generate: --watch writes the output; it does not go with --check.\n");
    return 1;
  }
  const { watchGenerate } = await import("./watch/watch-generate.js");
  // The config file was read once; a change to it needs a restart, as with the flags.
  const watched = [options.specDir, ...(options.templatesDir ? [options.templatesDir] : [])];
  const watching = { ...options, parseMemo: new Map() as ParseMemo, stepMemo: new StepMemo() };
  let first = true;
  const runOnce = async () => {
    const code = await generateOnce(watching, argv, io);
    // A start on an up-to-date output built nothing: the memo reads the step cache now, before any
    // save, so that the first save costs what later ones do.
    if (first && code === 0) await warmStepMemo(watching);
    first = false;
    return code;
  };
  return watchGenerate({ paths: watched, runOnce, stderr: io.stderr });
}

async function generateOnce(options: GenerateOptions, argv: readonly string[], io: Io): Promise<number> {
  const started = performance.now();
  const { specDir, outDir, format } = options;
  const pathProblems = [
    ...(await checkPaths(specDir, outDir, options.templatesDir, io)),
    ...(options.siteDir ? await sitePathProblems({ siteDir: options.siteDir, specDir, outDir, shown: (target) => displayPath(target, io.cwd) }) : []),
  ];
  // One report per run (one JSON array for tools), with whatever writing adds to it. Machine-readable
  // formats go to stdout (`--format json > report.json`), text for people to stderr.
  let notes: string[] = [];
  const report = (diagnostics: readonly Diagnostic[], sources: Map<string, string>) => (format === "text" ? io.stderr : io.stdout)(formatDiagnostics(diagnostics, { format, pretty: io.pretty && format === "text", sources, notes }));
  const nothingWritten = (target = outDir) => {
    const shownTarget = displayPath(target, io.cwd);
    if (format === "text") io.stderr(`Nothing was written to ${shownTarget === "." ? "the current folder" : shownTarget}.\n`);
    return 1;
  };
  // Success lines are for people: with a machine format on stdout they go to stderr.
  const say = (text: string) => (format === "text" ? io.stdout : io.stderr)(text);
  if (pathProblems.length > 0) {
    report(relativeToCwd(sortDiagnostics(pathProblems), specDir, io.cwd), new Map());
    return nothingWritten();
  }
  const built = await buildWithCache({ specDir, outDir, ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}), prettier: options.prettier, emit: options.emit, fixtures: options.fixtures, tsCheck: options.tsCheck, ...(options.siteDir ? { siteDir: options.siteDir } : {}), cacheDir: options.cacheDir, parseMemo: options.parseMemo, stepMemo: options.stepMemo });
  if (built.upToDate) {
    // Nothing to write: the output folder holds exactly what these inputs generated last time.
    const { upToDate } = built;
    report(relativeToCwd(sortDiagnostics(upToDate.diagnostics), specDir, io.cwd), relativeSources(upToDate.sources, specDir, io.cwd));
    if (options.check) say(`eventspec: ${displayPath(outDir, io.cwd)}/ is up to date (${upToDate.unchangedFiles} files).\n`);
    else say(summaryLine(upToDate.eventCount, [`${displayPath(outDir, io.cwd)}/: 0 written, ${upToDate.unchangedFiles} unchanged, 0 removed`], started));
    return 0;
  }
  const result = built.result;
  notes = examplesNotCheckedNote(result.examplesNotChecked, specDir, io.cwd);
  // Breaking changes against the baseline (by default the output about to be replaced) are warnings.
  const { chooseBaseline, failsOn } = await import("./compat/baseline-option.js");
  const { baselineFromPlan } = await import("./compat/baseline.js");
  const { checkCompatibility } = await import("./compat/check-compatibility.js");
  let compatibility: Diagnostic[] = [];
  const checkable = result.files && result.catalog && !hasErrors(result.diagnostics) ? { files: result.files, catalog: result.catalog } : undefined;
  // The output folder as baseline is read by the plan that compares it with the new output (below).
  const againstOutput = options.baseline === undefined && options.baselineRef === undefined;
  if (checkable && !againstOutput) {
    const chosen = await chooseBaseline({ specDir, outDir, cwd: io.cwd, baselineDir: options.baseline, baselineRef: options.baselineRef });
    compatibility = [...chosen.diagnostics, ...(chosen.baseline ? checkCompatibility(chosen.baseline, checkable.files, checkable.catalog) : [])];
  }
  const compareWithPlan = async (dir: string, plan: ChangePlan) => {
    if (checkable && againstOutput && dir === outDir) compatibility = checkCompatibility(await baselineFromPlan(outDir, plan, `${displayPath(outDir, io.cwd)}/`), checkable.files, checkable.catalog);
  };
  const failOnBreaking = () => failsOn(options.failOn, compatibility);
  const failed = () => {
    if (format === "text") io.stderr("eventspec: exit code 1: --fail-on breaking, and a change breaks consumers (or could not be checked).\n");
    return 1;
  };
  const shown = () => relativeToCwd(sortDiagnostics([...result.diagnostics, ...compatibility]), specDir, io.cwd);
  const sources = relativeSources(result.sources, specDir, io.cwd);
  if (hasErrors(result.diagnostics) || !result.files) {
    report(shown(), sources);
    return nothingWritten();
  }

  const targets = outputTargets({ outDir, files: result.files, ...(options.siteDir && result.siteFiles ? { siteDir: options.siteDir, siteFiles: result.siteFiles } : {}) });
  if (options.check) {
    // Every output folder (generated/, and the site with --site) is compared; one report for all.
    const fix = fixCommand({ command: "generate", argv, env: io.env ?? {} });
    const checks = [];
    for (const target of targets) {
      const plan = await planChanges(target.dir, target.files);
      await compareWithPlan(target.dir, plan);
      const shownOut = displayPath(target.dir, io.cwd);
      checks.push({ shownOut, unchanged: plan.unchanged.length, ...checkReport({ plan, pendingCommit: await hasPendingCommit(target.dir), shownOut, fix }) });
    }
    const upToDate = checks.every((check) => check.upToDate);
    const fresh = checks.filter((check) => check.upToDate).map((check) => `eventspec: ${check.shownOut}/ is up to date (${check.unchanged} files).\n`).join("");
    if (format !== "text") {
      report([...shown(), ...checks.flatMap((check) => check.diagnostics)], sources);
      io.stderr(fresh);
      return failOnBreaking() ? failed() : upToDate ? 0 : 1;
    }
    report(shown(), sources);
    if (fresh) io.stdout(fresh);
    for (const check of checks) if (!check.upToDate) io.stderr(check.text);
    return failOnBreaking() ? failed() : upToDate ? 0 : 1;
  }

  const written: string[] = [];
  for (const target of targets) {
    let plan: ChangePlan;
    try {
      plan = await writeOutputs(target.dir, target.files, (planned) => compareWithPlan(target.dir, planned));
    } catch (error) {
      report([...shown(), writeFailure(error, target.dir, io.cwd)], sources);
      return nothingWritten(target.dir);
    }
    if (plan.conflicts.length > 0) {
      report([...shown(), ...plan.conflicts.map((file) => conflict(file, target.dir, io.cwd))], sources);
      return nothingWritten(target.dir);
    }
    written.push(`${displayPath(target.dir, io.cwd)}/: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed`);
  }
  report(shown(), sources);
  say(summaryLine(result.catalog?.events.length ?? 0, written, started));
  return failOnBreaking() ? failed() : 0;
}

/** `eventspec: 3 events → generated/: 0 written, 11 unchanged, 0 removed in 180 ms`, one part per output folder. */
function summaryLine(events: number, written: readonly string[], started: number): string {
  const milliseconds = Math.round(performance.now() - started);
  return `eventspec: ${events} event${events === 1 ? "" : "s"} → ${written.join("; ")} in ${milliseconds} ms\n`;
}

function relativeSources(sources: Map<string, string>, specDir: string, cwd: string): Map<string, string> {
  return new Map([...sources].map(([file, text]) => [relativeSpecPath(file, specDir, cwd), text]));
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

/** "Every mistake in one run": where examples could not be judged, the summary says so. */
function examplesNotCheckedNote(events: readonly string[] | undefined, specDir: string, cwd: string): string[] {
  if (!events || events.length === 0) return [];
  const shown = events.map((event) => event.replace(/\(([^)]*)\)$/, (_, file: string) => `(${relativeSpecPath(file, specDir, cwd)})`));
  const listed = shown.length > 5 ? `${shown.slice(0, 5).join(", ")} and ${shown.length - 5} more events` : shown.join(", ");
  return [`Examples of ${listed} were not checked: they are judged once the errors above are fixed.`];
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
  const manifest = JSON.parse(await readFile(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    pretty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
    env: process.env,
  };
}
