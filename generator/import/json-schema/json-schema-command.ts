import { mkdir, writeFile } from "node:fs/promises";
import { SPEC_FORMAT_SCHEMA } from "../../package-files.js";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Io } from "../../cli.js";
import { formatDiagnostics, type DiagnosticFormat } from "../../diagnostics/format-diagnostics.js";
import { findingDiagnostics } from "../findings.js";
import { checkOutFolder, displayPath } from "../import-command.js";
import { importJsonSchema, JSON_SCHEMA_REPORT } from "./import-json-schema.js";

const USAGE = `Usage: eventspec import json-schema <schema.json | schema-dir> --out <spec-dir> [--examples <file | dir>]
       [--action-field NAME] [--name-from TEXT] [--force] [--format text|json|github]

Converts a catalog published as JSON Schema (one file whose oneOf lists the events, or a folder of
schemas) into eventspec YAML specs of the external shape: the event name travels outside the
payload (a header, a topic) and an action field refines it. Shared definitions become named types.
Examples are judged by the generated validators; ${JSON_SCHEMA_REPORT} lists every rejection and
everything the spec language cannot express, with JSON pointers.

An example's event is the folder it sits in (examples/issues/opened.json is an issues event), or
its file name up to the first dot, or the key of a { "<event>": [payloads] } file.

Options:
  --out DIR            folder to write the specs and the report into (must be empty or new)
  --examples PATH      example payloads: a JSON file or a folder of them
  --action-field NAME  the payload field that refines the event name (default: action)
  --name-from TEXT     where the name travels, for the docs (default: "an HTTP header")
  --force              write into a folder that already holds files
  --format FORMAT      diagnostics as text (default), json, or github

Exit codes: 0 imported (warnings allowed); 1 some input could not be imported (the rest is written)
or bad arguments; 2 internal error (nothing written).
`;

// The schema ships in the package beside generator/, not in dist/: the command runs from either.
const SCHEMA_FILE = SPEC_FORMAT_SCHEMA;

/** `eventspec import json-schema <schema> --out <spec-dir> [--examples <path>]`. */
export async function runJsonSchemaImport(argv: readonly string[], io: Io): Promise<number> {
  const started = performance.now();
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        out: { type: "string" },
        examples: { type: "string" },
        "action-field": { type: "string", default: "action" },
        "name-from": { type: "string", default: "an HTTP header" },
        force: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    io.stderr(`eventspec import json-schema: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = values.format as DiagnosticFormat;
  const [input, ...extra] = positionals;
  const problem =
    input === undefined ? "name the JSON Schema file or folder to import."
    : extra.length > 0 ? `unexpected argument "${extra[0]}".`
    : values.out === undefined ? "--out is required: the folder to write the specs into."
    : !["text", "json", "github"].includes(format) ? `--format must be text, json or github, not "${format}".`
    : values["action-field"] === "" ? "--action-field must name a field."
    : undefined;
  if (problem || input === undefined || values.out === undefined) {
    io.stderr(`eventspec import json-schema: ${problem}\n\n${USAGE}`);
    return 1;
  }
  const schemaPath = path.resolve(io.cwd, input);
  const outDir = path.resolve(io.cwd, values.out);
  const outProblem = await checkOutFolder(schemaPath, outDir, values.force);
  if (outProblem) {
    io.stderr(`eventspec import json-schema: ${outProblem}\n`);
    return 1;
  }
  const result = await importJsonSchema({
    schemaPath,
    examplesPath: values.examples === undefined ? undefined : path.resolve(io.cwd, values.examples),
    specSchemaPath: path.relative(outDir, SCHEMA_FILE).split(path.sep).join("/"),
    actionField: values["action-field"],
    nameFrom: values["name-from"],
  });
  const diagnostics = findingDiagnostics(result.findings, result.inputs, (finding) => finding.file);
  io.stderr(formatDiagnostics(diagnostics, { format, pretty: io.pretty && format === "text", sources: result.inputs }));
  const internal = result.findings.some((finding) => finding.rule === "import/internal");
  if (result.events === 0 || internal) {
    if (format === "text") io.stderr(`Nothing was written to ${displayPath(outDir, io.cwd)}.\n`);
    return internal ? 2 : 1;
  }
  await mkdir(outDir, { recursive: true });
  for (const file of result.files) await writeFile(path.join(outDir, file.path), file.text);
  const rejected = result.verdicts.filter((verdict) => verdict.errors.length > 0).length;
  const shownOut = displayPath(outDir, io.cwd);
  io.stdout(
    `eventspec import json-schema: ${result.events} event${result.events === 1 ? "" : "s"} → ${shownOut}/: ${result.files.length - 1} spec files and ${JSON_SCHEMA_REPORT}; ${result.verdicts.length - rejected} of ${result.verdicts.length} examples accepted, ${rejected} rejected, in ${Math.round(performance.now() - started)} ms. Review ${shownOut}/${JSON_SCHEMA_REPORT}, then run \`eventspec generate --spec ${shownOut}\`.\n`,
  );
  return result.findings.some((finding) => finding.severity === "error") ? 1 : 0;
}
