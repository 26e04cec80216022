import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Mustache from "mustache";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import type { Catalog } from "../model/ir.js";
import { markdownBanner } from "./banner.js";
import { docsView } from "./docs-view.js";
import { markdownCode, markdownInline } from "./escape.js";
import type { OutputFile } from "./output-file.js";

export const DEFAULT_TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
export const TEMPLATE_NAMES = ["index.md.mustache", "envelope.md.mustache", "group.md.mustache"] as const;

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
      diagnostics.push(
        diagnosticForFile(
          file,
          missing ? "templates/missing" : "templates/invalid",
          missing ? `The templates folder has no ${name}.` : `The template cannot be parsed: ${(error as Error).message}`,
          missing ? `A templates folder needs ${TEMPLATE_NAMES.join(", ")}; copy them from eventspec's templates/ to start.` : "Check that every {{#section}} is closed by {{/section}}.",
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
export function emitDocs(catalog: Catalog, templates: Templates): OutputFile[] {
  const view = docsView(catalog);
  const render = (template: string, data: object) => {
    const helpers = templateHelpers();
    return normalize(Mustache.render(template, { ...data, ...helpers.view }, {}, { escape: helpers.escape }));
  };
  const files: OutputFile[] = [
    { path: "docs/README.md", content: render(templates["index.md.mustache"], { ...view, banner: markdownBanner(catalog.sources), groups: view.groups.map(withFileLinks) }) },
    { path: "docs/envelope.md", content: render(templates["envelope.md.mustache"], { ...view, banner: markdownBanner([catalog.catalogSource]) }) },
  ];
  for (const group of view.groups) {
    const source = catalog.groups.find((candidate) => candidate.name === group.name)!.source;
    files.push({ path: `docs/${group.file}`, content: render(templates["group.md.mustache"], { ...view, group, banner: markdownBanner([source]) }) });
  }
  return files;
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
