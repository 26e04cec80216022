import { checkExamples } from "./check/check-examples.js";
import { checkKindKeys } from "./check/check-kind-keys.js";
import { checkModel } from "./check/check-model.js";
import { checkShape } from "./check/check-shape.js";
import { examplesToSkip } from "./check/examples-to-skip.js";
import { reportMisplacedFieldKeys } from "./check/misplaced-field-keys.js";
import { compareText, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitAsyncApi } from "./emit/emit-asyncapi.js";
import { emitFixtures } from "./emit/emit-fixtures.js";
import { DEFAULT_TEMPLATES, emitDocs, loadTemplates, renderJobs } from "./emit/emit-docs.js";
import { emitJsonSchema } from "./emit/emit-json-schema.js";
import { checkTemplateVariables } from "./emit/template-variables.js";
import { emitIndex, emitRuntime } from "./emit/emit-runtime.js";
import { emitTypes } from "./emit/emit-types.js";
import { emitValidators } from "./emit/emit-validators.js";
import type { OutputFile } from "./emit/output-file.js";
import { toJavaScript, type EmitLanguage } from "./format/emit-javascript.js";
import { withoutConsumerCheck } from "./format/consumer-check.js";
import { formatOutputs } from "./format/format-outputs.js";
import { parseSpecFiles, type ParseMemo } from "./load/parse-spec-files.js";
import { readSpecFolder, type RawSpecFile } from "./load/read-spec-folder.js";
import { buildModel } from "./model/build-model.js";
import type { Catalog } from "./model/ir.js";
import { withStepMemo, type StepMemo } from "./model/step-memo.js";

export interface BuildOptions {
  specDir: string;
  /** Folder of docs templates; eventspec's own by default. */
  templatesDir?: string;
  /** Run prettier over the generated TypeScript. */
  prettier?: boolean;
  /** Write the fixtures modules (the default); false leaves them out. */
  fixtures?: boolean;
  /** `ts` (default): TypeScript modules; `js`: JavaScript with `.d.ts` declarations next to it. */
  emit?: EmitLanguage;
  /** Leave `// @ts-nocheck` out of the TypeScript modules, so that consumers check their code too. */
  tsCheck?: boolean;
  /** Also build the static HTML site (`siteFiles`). */
  site?: boolean;
  /** The spec folder as already read by the caller (the cache reads it to compute its key). */
  read?: { files: RawSpecFile[]; diagnostics: Diagnostic[] };
  /** Parsed files kept between runs of one process (`--watch`). */
  parseMemo?: ParseMemo | undefined;
  /** Results of per-event and per-file steps kept between runs of one process (`--watch`). */
  stepMemo?: StepMemo | undefined;
}

export interface BuildResult {
  /** The generated files, sorted by path; absent when any diagnostic is an error. */
  files?: OutputFile[];
  /** The static site's files, relative to the site folder, sorted; only with `site`. */
  siteFiles?: OutputFile[];
  catalog?: Catalog;
  diagnostics: Diagnostic[];
  /** Spec texts by display path, for code frames. */
  sources: Map<string, string>;
  /** Events (`name` (file)) whose examples were not judged, because the spec they rest on has errors. */
  examplesNotChecked?: string[];
}

/**
 * Everything `generate` says about a spec, without emitting: parse → shape → model → meaning →
 * examples. The importer runs it on specs still in memory, so both judge alike.
 */
export function checkSpec(files: readonly RawSpecFile[], specDir: string, parseMemo?: ParseMemo): { catalog?: Catalog; diagnostics: Diagnostic[]; examplesNotChecked?: string[] } {
  const parsed = parseSpecFiles(files, parseMemo);
  const diagnostics = [...parsed.diagnostics, ...checkShape(parsed.sources), ...checkKindKeys(parsed.sources)];
  const model = buildModel(parsed.sources, specDir);
  diagnostics.push(...model.diagnostics);
  const catalog = model.catalog;
  if (!catalog) return { diagnostics: reportMisplacedFieldKeys(parsed.sources, diagnostics) };
  diagnostics.push(...checkModel(catalog));
  const rooted = reportMisplacedFieldKeys(parsed.sources, diagnostics);
  diagnostics.splice(0, diagnostics.length, ...rooted);
  const skipped = examplesToSkip(catalog, diagnostics, parsed.sources);
  diagnostics.push(...checkExamples(catalog, skipped));
  const examplesNotChecked = catalog.events.filter((event) => event.examples.length > 0 && skipped(event)).map((event) => `\`${event.name}\` (${event.source})`);
  return { catalog, diagnostics, examplesNotChecked };
}

/**
 * The whole pipeline, in memory: load → check → model → emit → format. Writing is the caller's
 * choice (see write/), so `--check` and tests run the very same path.
 */
export async function buildOutputs(options: BuildOptions): Promise<BuildResult> {
  const read = options.read ?? (await readSpecFolder(options.specDir));
  // With no spec file at all, "no file declares the catalog" would say nothing more.
  if (read.files.length === 0) return { diagnostics: sortDiagnostics(read.diagnostics), sources: new Map() };
  const sources = new Map(read.files.map((file) => [file.path, file.text.replace(/^\uFEFF/, "")]));
  let result: BuildResult | undefined;
  try {
    result = await buildRemembering(options, read, sources);
    return result;
  } finally {
    options.stepMemo?.endRun({ built: result?.files !== undefined });
  }
}

/** buildOutputs' stages; the synchronous stretches run with the watch's step memo, if any. */
async function buildRemembering(options: BuildOptions, read: { files: RawSpecFile[]; diagnostics: Diagnostic[] }, sources: Map<string, string>): Promise<BuildResult> {
  const memo = options.stepMemo;
  const checked = withStepMemo(memo, () => checkSpec(read.files, options.specDir, options.parseMemo));
  const templates = await loadTemplates(options.templatesDir ?? DEFAULT_TEMPLATES);
  // The site's emitter (markdown-it, minisearch, shiki) loads only when a site is asked for.
  const site = options.site ? await import("./emit/site/emit-site.js") : undefined;
  const siteTemplates = site ? await site.loadSiteTemplates(options.templatesDir) : undefined;
  const diagnostics = [...read.diagnostics, ...checked.diagnostics, ...templates.diagnostics, ...(siteTemplates?.diagnostics ?? [])];
  const catalog = checked.catalog;
  if (!catalog) return { diagnostics: sortDiagnostics(diagnostics), sources };
  if (hasErrors(diagnostics) || !templates.templates || (siteTemplates && !siteTemplates.templates)) return { catalog, diagnostics: sortDiagnostics(diagnostics), sources, ...(checked.examplesNotChecked?.length ? { examplesNotChecked: checked.examplesNotChecked } : {}) };
  const docsTemplates = templates.templates;
  const { files, docsJobs } = withStepMemo(memo, () => {
    const docsJobs = renderJobs(catalog);
    return {
      docsJobs,
      files: [
        ...emitTypes(catalog),
        ...emitValidators(catalog),
        emitRuntime(catalog),
        emitIndex(catalog),
        ...emitJsonSchema(catalog),
        emitAsyncApi(catalog),
        ...(options.fixtures === false ? [] : emitFixtures(catalog)),
        ...emitDocs(docsJobs, docsTemplates),
      ],
    };
  });
  // The check walks every page's data (the whole catalog's view); it is for authors' templates.
  // eventspec's own are checked by its tests, against every catalog they generate.
  if (options.templatesDir !== undefined) diagnostics.push(...checkTemplateVariables(docsJobs, docsTemplates, options.templatesDir));
  const emitted = options.emit === "js" ? await toJavaScript(files, memo) : options.tsCheck ? files : withoutConsumerCheck(files);
  const formatted = (await formatOutputs(emitted, { prettier: options.prettier ?? false })).sort((a, b) => compareText(a.path, b.path));
  const siteFiles = site && siteTemplates?.templates ? (await site.emitSite({ catalog, templates: siteTemplates.templates, files: formatted })).sort((a, b) => compareText(a.path, b.path)) : undefined;
  return { files: formatted, ...(siteFiles ? { siteFiles } : {}), catalog, diagnostics: sortDiagnostics(diagnostics), sources };
}
