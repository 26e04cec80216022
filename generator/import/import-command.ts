import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { SPEC_FORMAT_SCHEMA } from "../package-files.js";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Io } from "../cli.js";
import { unknownOptionHint } from "../cli/option-suggestion.js";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format-diagnostics.js";
import { findingDiagnostics, type Finding } from "./findings.js";
import { importCanvas } from "./import-canvas.js";
import { REPORT_FILE } from "./write-report.js";

const USAGE = `Usage: eventspec import canvas <dir> --out <spec-dir> [--force] [--format text|json|github]
       eventspec import asyncapi <file> --out <spec-dir> [--force] [--format text|json|github]

Converts Canvas's Live Events docs (the folder holding metadata.json and event-types/*.json; in
canvas-lms it is doc/api/data_services/json/canvas) into eventspec YAML specs, with the types
inferred from the examples, and writes ${REPORT_FILE} listing every guess and conflict to review.
\`import asyncapi\` converts an AsyncAPI 2.6 or 3.0 document (YAML or JSON) whose messages carry
\`{metadata, body}\` payloads; the report lists, with JSON pointers, what the spec cannot express.

Options:
  --out DIR         folder to write the specs and the report into (must be empty or new)
  --force           write into a folder that already holds files, replacing same-named ones
  --format FORMAT   diagnostics as text (default), json, or github (Actions annotations)

Exit codes: 0 imported (warnings allowed); 1 some input could not be imported (the rest is written)
or bad arguments; 2 internal error (nothing written).
`;

const SOURCES = ["canvas", "asyncapi"];
// The schema ships in the package beside generator/, not in dist/: the command runs from either.
const SCHEMA_FILE = SPEC_FORMAT_SCHEMA;

/** `eventspec import canvas <dir> --out <spec-dir>`. */
export async function runImportCommand(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === "json-schema") return (await import("./json-schema/json-schema-command.js")).runJsonSchemaImport(argv.slice(1), io);
  const started = performance.now();
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        out: { type: "string" },
        force: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    const message = (error as Error).message;
    io.stderr(`eventspec import: ${message}${unknownOptionHint(message, ["out", "force", "format", "help"])}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [source, input, ...extra] = positionals;
  const format = values.format as DiagnosticFormat;
  const problem = usageProblem({ source, input, extra, out: values.out, format });
  if (problem || input === undefined || values.out === undefined) {
    io.stderr(`eventspec import: ${problem}\n\n${USAGE}`);
    return 1;
  }

  if (source === "asyncapi") {
    const { runAsyncApiImport } = await import("./asyncapi/asyncapi-command.js");
    return runAsyncApiImport({ input: path.resolve(io.cwd, input), outDir: path.resolve(io.cwd, values.out), force: values.force, format, io, started, schemaFile: SCHEMA_FILE, checkOutFolder });
  }
  const inputDir = path.resolve(io.cwd, input);
  const outDir = path.resolve(io.cwd, values.out);
  const outProblem = await checkOutFolder(inputDir, outDir, values.force);
  if (outProblem) {
    io.stderr(`eventspec import: ${outProblem}\n`);
    return 1;
  }

  const result = await importCanvas({ inputDir, schemaPath: path.relative(outDir, SCHEMA_FILE).split(path.sep).join("/") });
  const shownInput = (file: string) => displayPath(file === "." ? inputDir : path.join(inputDir, file), io.cwd);
  const shown = (finding: Finding) => (finding.rule === "import/internal" ? displayPath(path.join(outDir, finding.file), io.cwd) : shownInput(finding.file));
  const diagnostics = findingDiagnostics(result.findings, result.inputs, shown);
  const sources = new Map([...result.inputs].map(([file, text]) => [shownInput(file), text]));
  // Machine-readable formats go to stdout (`--format json > report.json`), text for people to stderr.
  (format === "text" ? io.stderr : io.stdout)(formatDiagnostics(diagnostics, { format, pretty: io.pretty && format === "text", sources }));
  // A spec that `generate` would reject is never written: that is the importer's bug, not the input's.
  const internal = result.findings.some((finding) => finding.rule === "import/internal");
  if (result.files.length === 0 || internal) {
    if (format === "text") io.stderr(`Nothing was ${internal ? "written" : "imported, so nothing was written"} to ${displayPath(outDir, io.cwd)}.\n`);
    return internal ? 2 : 1;
  }
  const failed = result.findings.some((finding) => finding.severity === "error");

  await mkdir(outDir, { recursive: true });
  for (const file of result.files) await writeFile(path.join(outDir, file.path), file.text);
  (format === "text" ? io.stdout : io.stderr)(`${summary(result.findings, result.catalog?.events.length ?? 0, result.files.length - 1, displayPath(outDir, io.cwd), Math.round(performance.now() - started))}\n`);
  return failed ? 1 : 0;
}

function usageProblem(props: { source: string | undefined; input: string | undefined; extra: readonly string[]; out: string | undefined; format: string }): string | undefined {
  if (props.source === undefined) return "name the source format: `canvas`, `asyncapi` or `json-schema`.";
  if (!SOURCES.includes(props.source)) return `unknown source format "${props.source}"; the formats are \`canvas\`, \`asyncapi\` and \`json-schema\`.`;
  if (props.input === undefined) return props.source === "asyncapi" ? "name the AsyncAPI file to import." : "name the folder to import.";
  if (props.extra.length > 0) return `unexpected argument "${props.extra[0]}".`;
  if (props.out === undefined) return "--out is required: the folder to write the specs into.";
  if (!["text", "json", "github"].includes(props.format)) return `--format must be text, json or github, not "${props.format}".`;
  return undefined;
}

/** The output folder must be new or empty, unless --force; and it must not be the input. */
export async function checkOutFolder(inputDir: string, outDir: string, force: boolean): Promise<string | undefined> {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(outDir, inputDir) || inside(inputDir, outDir)) return "--out must not be the input folder, or inside it, or around it.";
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isDirectory()) return "--out names a file, not a folder.";
  const entries = (await readdir(outDir)).filter((name) => !name.startsWith("."));
  if (entries.length > 0 && !force) {
    return `--out ${outDir} already holds files (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}). Import into a new folder, or pass --force to write into it (files with the same names are replaced; other .yaml files there would be read by \`generate\` too).`;
  }
  return undefined;
}

function summary(findings: readonly Finding[], events: number, specFiles: number, out: string, milliseconds: number): string {
  const count = (select: (finding: Finding) => boolean) => findings.filter(select).length;
  const parts = [
    `${count((finding) => finding.severity === "error")} left out`,
    `${count((finding) => finding.severity === "warning")} conflicts`,
    `${count((finding) => finding.severity === "guess")} guesses`,
  ];
  return `eventspec import: ${events} event${events === 1 ? "" : "s"} → ${out}/: ${specFiles} spec file${specFiles === 1 ? "" : "s"} and ${REPORT_FILE} (${parts.join(", ")}) in ${milliseconds} ms. Review ${out}/${REPORT_FILE}, then run \`eventspec generate --spec ${out}\`.`;
}

export function displayPath(target: string, cwd: string): string {
  const relative = path.relative(cwd, target);
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}
