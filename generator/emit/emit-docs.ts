import { readFile } from "node:fs/promises";
import path from "node:path";
import Mustache from "mustache";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import type { Catalog } from "../model/ir.js";
import { markdownBanner } from "./banner.js";
import { docsView } from "./docs-view.js";
import { markdownCode, markdownInline } from "./escape.js";
import type { OutputFile } from "./output-file.js";

import { TEMPLATE_NAMES } from "../package-files.js";
export { DEFAULT_TEMPLATES, TEMPLATE_NAMES } from "../package-files.js";

export type Templates = Record<(typeof TEMPLATE_NAMES)[number], string>;

/** Reads the three docs templates; a missing or unparsable one is a diagnostic, not a crash. */
export async function loadTemplates(directory: string): Promise<{ templates?: Templates; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const templates: Partial<Templates> = {};
  for (const name of TEMPLATE_NAMES) {
    const file = path.join(directory, name);
    try {
      templates[name] = await readFile(file, "utf8");
      Mustache.parse(templates[name]!);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      // Mustache says "Unclosed section "x" at 123": a character offset, shown as line:column.
      const message = (error as Error).message.replace(/ at (\d+)$/, "");
      const offset = unclosedSectionStart(templates[name] ?? "", (error as Error).message);
      const position = !missing && Number.isFinite(offset) && templates[name] !== undefined ? lineColumn(templates[name]!, offset) : { line: 0, column: 0 };
      diagnostics.push(
        diagnosticForFile(
          file,
          missing ? "templates/missing" : "templates/invalid",
          missing ? `The templates folder has no ${name}.` : `The template cannot be parsed: ${message}.`,
          missing ? `A templates folder needs ${TEMPLATE_NAMES.join(", ")}; copy them from eventspec's templates/ to start.` : "Check that every {{#section}} is closed by {{/section}}.",
          position.line,
          position.column,
        ),
      );
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { templates: templates as Templates, diagnostics };
}

/**
 * Markdown reference docs: an index, the envelope page and one page per group. Templates print
 * raw spec text with `{{…}}`, which escapes it for Markdown here (not for HTML, Mustache's default).
 */
export function emitDocs(jobs: readonly RenderJob[], templates: Templates): OutputFile[] {
  const render = (template: string, data: object) => {
    const helpers = templateHelpers();
    return normalize(Mustache.render(template, { ...data, ...helpers.view }, {}, { escape: helpers.escape }));
  };
  return jobs.map((job) => ({ path: job.path, content: render(templates[job.template], job.data) }));
}

/** Names every template may use besides its data: the helpers (see templateHelpers). */
export const TEMPLATE_HELPERS = ["code"] as const;

/** One docs page: the template that renders it and the data the template sees. */
export interface RenderJob {
  path: string;
  template: keyof Templates;
  data: object;
}

/** Each docs page's job; the pipeline renders them and checks the templates' names against the same data. */
export function renderJobs(catalog: Catalog): RenderJob[] {
  const view = docsView(catalog);
  const jobs: RenderJob[] = [
    { path: "docs/README.md", template: "index.md.mustache", data: { ...view, banner: markdownBanner(catalog.sources), groups: view.groups.map(withFileLinks) } },
    { path: "docs/envelope.md", template: "envelope.md.mustache", data: { ...view, banner: markdownBanner([catalog.catalogSource]) } },
  ];
  for (const group of view.groups) {
    const source = catalog.groups.find((candidate) => candidate.name === group.name)!.source;
    jobs.push({ path: `docs/${group.file}`, template: "group.md.mustache", data: { ...view, group, banner: markdownBanner([source]) } });
  }
  return jobs;
}

/**
 * The escaper templates print `{{text}}` with, and the helpers they may call:
 * `{{#code}}{{text}}{{/code}}` prints `text` as a code span. Inside a code span backslashes are
 * literal, so the text must reach it unescaped: while the section renders, escaping is off.
 */
function templateHelpers(): { escape: (text: string) => string; view: { code: () => (text: string, render: (text: string) => string) => string } } {
  let raw = 0;
  return {
    escape: (text) => (raw > 0 ? text : markdownInline(text)),
    view: {
      code: () => (text, render) => {
        raw++;
        try {
          return markdownCode(render(text));
        } finally {
          raw--;
        }
      },
    },
  };
}

function withFileLinks(group: ReturnType<typeof docsView>["groups"][number]) {
  return { ...group, events: group.events.map((event, index) => ({ ...event, file: group.file, last: index === group.events.length - 1 })) };
}

/** At most one blank line in a row, LF endings, one trailing newline: templates need not be fussy. */
function normalize(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Where the section Mustache says is unclosed opens (it reports the end of the template instead). */
function unclosedSectionStart(text: string, message: string): number {
  const section = /^Unclosed section "([^"]+)"/.exec(message)?.[1];
  const reported = Number(/ at (\d+)$/.exec(message)?.[1] ?? NaN);
  if (section === undefined) return reported;
  const escaped = section.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const opens = [...text.matchAll(new RegExp(`\\{\\{\\s*[#^]\\s*${escaped}\\s*\\}\\}`, "g"))];
  return opens.at(-1)?.index ?? reported;
}
