import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { readSpecFolder } from "../load/read-spec-folder.js";
import { DEFAULT_TEMPLATES, SITE_TEMPLATE_NAMES, TEMPLATE_NAMES } from "../package-files.js";
import type { ParseMemo } from "../load/parse-spec-files.js";
import { StepMemo } from "../model/step-memo.js";
import type { BuildOptions, BuildResult } from "../pipeline.js";
import type { EmitLanguage } from "../format/emit-javascript.js";
import { hasPendingCommit } from "../write/apply-changes.js";
import { outputTargets } from "../write/output-targets.js";
import { cacheKey, readCacheEntry, writeCacheEntry } from "./output-cache.js";
import { contentHash, outputMatches } from "./output-matches.js";
import { openStepCache, openStoredSteps } from "./step-cache.js";

export interface CachedBuildProps {
  specDir: string;
  outDir: string;
  templatesDir?: string;
  prettier: boolean;
  emit: EmitLanguage;
  /** Whether the fixtures modules are written. */
  fixtures: boolean;
  /** Whether the TypeScript modules are left for consumers to check (no `// @ts-nocheck`). */
  tsCheck: boolean;
  /** `--site DIR`: the site is built too; inside the output folder, its files are part of that folder's output. */
  siteDir?: string;
  /** The cache folder; none turns the cache off. */
  cacheDir?: string | undefined;
  /** Parsed spec files kept between the runs of `--watch`. */
  parseMemo?: ParseMemo | undefined;
  /** Per-event and per-file results kept between the runs of `--watch`. */
  stepMemo?: StepMemo | undefined;
}

/** The output folder already holds exactly what the spec generates: nothing to build or write. */
export interface UpToDate {
  eventCount: number;
  unchangedFiles: number;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export type CachedBuild = { upToDate: UpToDate; result?: undefined } | { upToDate?: undefined; result: BuildResult };

/**
 * The pipeline behind the cache. On a hit whose files all match the output folder (no stale,
 * missing or extra file, no interrupted commit) the answer comes without loading the pipeline's
 * modules (YAML, Ajv, ts-morph) at all; anything else runs the pipeline, so that writing, `--check`
 * reports and compatibility warnings are exactly those of an uncached run.
 */
export async function buildWithCache(props: CachedBuildProps): Promise<CachedBuild> {
  const read = await readSpecFolder(props.specDir);
  const sources = new Map(read.files.map((file) => [file.path, file.text.replace(/^\uFEFF/, "")]));
  const key =
    props.cacheDir && read.diagnostics.length === 0 && read.files.length > 0
      ? await cacheKey({ specDir: props.specDir, outDir: props.outDir, files: read.files, templatesDir: props.templatesDir ?? DEFAULT_TEMPLATES, templateNames: props.siteDir ? [...TEMPLATE_NAMES, ...SITE_TEMPLATE_FILES] : TEMPLATE_NAMES, options: { prettier: props.prettier, emit: props.emit, fixtures: props.fixtures, tsCheck: props.tsCheck, site: props.siteDir ?? null } })
      : undefined;
  if (props.cacheDir && key) {
    const entry = await readCacheEntry(props.cacheDir, props, key);
    // Checked on both sides of the comparison: a run that commits meanwhile makes this a miss.
    if (entry && !(await hasPendingCommit(props.outDir)) && (await outputMatches(props.outDir, entry.files)) && !(await hasPendingCommit(props.outDir))) {
      return { upToDate: { eventCount: entry.eventCount, unchangedFiles: Object.keys(entry.files).length, diagnostics: entry.diagnostics, sources } };
    }
  }
  // A one-shot run keeps its steps' results for the next (see step-cache.ts). --watch keeps its own
  // memo, which starts from the step cache: its first build (often the first save after a start
  // that found the output up to date) rebuilds only what changed. The cache's index is read while
  // the pipeline's modules load.
  const opening = props.cacheDir && key && !props.stepMemo?.hasBuilt ? openStepCache(props.cacheDir, props) : undefined;
  const { buildOutputs } = await import("../pipeline.js");
  const stepCache = await opening;
  const sink = (name: string, bytes: Uint8Array) => stepCache!.add(name, bytes);
  if (stepCache && props.stepMemo) props.stepMemo.readFrom(stepCache.stored, sink);
  const stepMemo = props.stepMemo ?? (stepCache ? new StepMemo({ durableOnly: true, stored: stepCache.stored, sink }) : undefined);
  let result: BuildResult;
  try {
    result = await buildOutputs({ ...pipelineOptions(props, read, stepMemo), site: props.siteDir !== undefined });
  } catch (error) {
    await stepCache?.abandon();
    throw error;
  }
  // A run stopped by spec errors leaves the last build's results in place: the run after the fix
  // needs them, not the few this run computed.
  if (result.files) await stepCache?.commit();
  else await stepCache?.abandon();
  if (props.cacheDir && key && result.files && !hasErrors(result.diagnostics)) {
    await writeCacheEntry(props.cacheDir, props, { key, eventCount: result.catalog?.events.length ?? 0, diagnostics: result.diagnostics, files: Object.fromEntries(outputFolderFiles(props, result).map((file) => [file.path, contentHash(file.content)])) });
  }
  return { result };
}

/**
 * `--watch` started on an up-to-date output: its first run built nothing, so its memo is empty. It
 * takes the step cache's results now, in a build whose outputs go nowhere (no site, nothing
 * written, the step cache left as it is), so that the first save rebuilds only what changed from
 * memory, as later saves do.
 */
export async function warmStepMemo(props: CachedBuildProps & { stepMemo: StepMemo }): Promise<void> {
  if (!props.cacheDir || props.stepMemo.hasBuilt) return;
  const read = await readSpecFolder(props.specDir);
  if (read.files.length === 0) return;
  const [{ buildOutputs }, steps] = await Promise.all([import("../pipeline.js"), openStoredSteps(props.cacheDir, props)]);
  props.stepMemo.readFrom(steps.stored);
  try {
    await buildOutputs(pipelineOptions(props, read, props.stepMemo));
  } finally {
    steps.close();
  }
}

/** The pipeline's options for these props, the spec folder as already read, and a memo. */
function pipelineOptions(props: CachedBuildProps, read: Awaited<ReturnType<typeof readSpecFolder>>, stepMemo: StepMemo | undefined): BuildOptions {
  return { specDir: props.specDir, ...(props.templatesDir ? { templatesDir: props.templatesDir } : {}), prettier: props.prettier, emit: props.emit, fixtures: props.fixtures, tsCheck: props.tsCheck, read, parseMemo: props.parseMemo, stepMemo };
}

/** The site's templates, as the cache key reads them from a templates folder. */
const SITE_TEMPLATE_FILES = SITE_TEMPLATE_NAMES.map((name) => `site/${name}`);

/** What the output folder holds after this run: the generated files, and the site's when it lives inside. */
function outputFolderFiles(props: CachedBuildProps, result: BuildResult) {
  const files = result.files ?? [];
  if (!props.siteDir || !result.siteFiles) return files;
  return outputTargets({ outDir: props.outDir, files, siteDir: props.siteDir, siteFiles: result.siteFiles })[0]!.files;
}
