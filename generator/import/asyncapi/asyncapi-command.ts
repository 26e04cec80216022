import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Io } from "../../cli.js";
import { formatDiagnostics, type DiagnosticFormat } from "../../diagnostics/format-diagnostics.js";
import { findingDiagnostics } from "../findings.js";
import { ASYNCAPI_REPORT_FILE, importAsyncApi } from "./import-asyncapi.js";

/** `eventspec import asyncapi <file> --out <spec-dir>`, after the shared argument checks. */
export async function runAsyncApiImport(props: {
  input: string;
  outDir: string;
  force: boolean;
  format: DiagnosticFormat;
  io: Io;
  started: number;
  schemaFile: string;
  checkOutFolder: (inputDir: string, outDir: string, force: boolean) => Promise<string | undefined>;
}): Promise<number> {
  const { io, format } = props;
  const shown = (target: string) => (path.relative(io.cwd, target) || ".").split(path.sep).join("/");
  const outProblem = await props.checkOutFolder(props.input, props.outDir, props.force);
  if (outProblem) {
    io.stderr(`eventspec import: ${outProblem}\n`);
    return 1;
  }
  let text: string;
  try {
    text = await readFile(props.input, "utf8");
  } catch (error) {
    io.stderr(`eventspec import: cannot read ${shown(props.input)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`);
    return 1;
  }
  const result = importAsyncApi({ file: path.basename(props.input), text, schemaPath: path.relative(props.outDir, props.schemaFile).split(path.sep).join("/") });
  const diagnostics = findingDiagnostics(result.findings, new Map([[path.basename(props.input), text]]), () => shown(props.input));
  io.stderr(formatDiagnostics(diagnostics, { format, pretty: io.pretty && format === "text", sources: new Map([[shown(props.input), text]]) }));
  const internal = result.findings.some((finding) => finding.rule === "import/internal");
  if (result.files.length === 0 || internal) {
    if (format === "text") io.stderr(`Nothing was written to ${shown(props.outDir)}.\n`);
    return internal ? 2 : 1;
  }
  await mkdir(props.outDir, { recursive: true });
  for (const file of result.files) await writeFile(path.join(props.outDir, file.path), file.text);
  const leftOut = result.findings.filter((finding) => finding.severity === "error").length;
  const notExpressible = result.findings.filter((finding) => finding.severity === "warning").length;
  io.stdout(
    `eventspec import: ${result.events} event${result.events === 1 ? "" : "s"} → ${shown(props.outDir)}/: ${result.files.length - 1} spec files and ${ASYNCAPI_REPORT_FILE} (${leftOut} left out, ${notExpressible} not expressible or conflicting) in ${Math.round(performance.now() - props.started)} ms. Review ${shown(props.outDir)}/${ASYNCAPI_REPORT_FILE}, then run \`eventspec generate --spec ${shown(props.outDir)}\`.\n`,
  );
  return leftOut > 0 ? 1 : 0;
}
