import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Mustache from "mustache";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../../load/spec-source.js";
import type { Catalog } from "../../model/ir.js";
import { codeBanner, markdownBanner } from "../banner.js";
import { DEFAULT_TEMPLATES } from "../emit-docs.js";
import { htmlText } from "../escape.js";
import type { OutputFile } from "../output-file.js";
import { CodeBlocks } from "./highlight.js";
import { searchIndexScript } from "./search-index.js";
import { ENVELOPE_PAGE, INDEX_PAGE, siteView, type SiteView } from "./site-view.js";

import { SITE_TEMPLATE_NAMES } from "../../package-files.js";
export { SITE_TEMPLATE_NAMES };
export type SiteTemplates = Record<(typeof SITE_TEMPLATE_NAMES)[number], string>;

/**
 * Site templates come from `<templates>/site/` when the user's templates folder has one, else
 * from eventspec's own; a folder that is there must hold all of them.
 */
export async function loadSiteTemplates(templatesDir: string | undefined): Promise<{ templates?: SiteTemplates; diagnostics: Diagnostic[] }> {
  const userFolder = templatesDir ? path.join(templatesDir, "site") : undefined;
  const directory = userFolder && (await stat(userFolder).catch(() => undefined))?.isDirectory() ? userFolder : path.join(DEFAULT_TEMPLATES, "site");
  const diagnostics: Diagnostic[] = [];
  const templates: Partial<SiteTemplates> = {};
  for (const name of SITE_TEMPLATE_NAMES) {
    const file = path.join(directory, name);
    try {
      templates[name] = await readFile(file, "utf8");
      if (name.endsWith(".mustache")) Mustache.parse(templates[name]!);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      diagnostics.push(
        diagnosticForFile(
          file,
          missing ? "templates/missing" : "templates/invalid",
          missing ? `The site templates folder has no ${name}.` : `The template cannot be parsed: ${(error as Error).message}`,
          missing ? `A site/ templates folder needs ${SITE_TEMPLATE_NAMES.join(", ")}; copy them from eventspec's templates/site/ to start.` : "Check that every {{#section}} is closed by {{/section}}.",
        ),
      );
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { templates: templates as SiteTemplates, diagnostics };
}

export interface SiteProps {
  catalog: Catalog;
  templates: SiteTemplates;
  /** The generated files; the site copies the JSON Schemas from them. */
  files: readonly OutputFile[];
}

/**
 * The static site: `index.html` (groups, events, named types), `envelope.html`, one page per
 * group, the JSON Schemas, and `assets/` (stylesheet, script, minisearch and its prebuilt index).
 * Paths are relative to the site folder; every file opens with the ownership banner.
 */
export async function emitSite(props: SiteProps): Promise<OutputFile[]> {
  const { catalog, templates } = props;
  const schemas = props.files.filter((file) => file.path.startsWith("schema/"));
  const schemaFiles = new Map(catalog.events.map((event) => [event.name, `schema/${event.name}.schema.json`]));
  const code = new CodeBlocks();
  const { view, search } = siteView({ catalog, code, schemaFiles });

  const partials = { head: templates["head.html.mustache"], foot: templates["foot.html.mustache"] };
  const render = (template: string, page: PageContext, sources: readonly string[]) =>
    normalize(Mustache.render(template, { ...view, page, nav: navigation(view, page.file), banner: markdownBanner(sources) }, partials, { escape: htmlText }));

  const pages: OutputFile[] = [
    { path: INDEX_PAGE, content: render(templates["index.html.mustache"], { file: INDEX_PAGE, title: catalog.name }, catalog.sources) },
    { path: ENVELOPE_PAGE, content: render(templates["envelope.html.mustache"], { file: ENVELOPE_PAGE, title: `Envelope · ${catalog.name}` }, [catalog.catalogSource]) },
    ...view.groups.map((group, index) => ({
      path: group.file,
      content: render(templates["group.html.mustache"], { file: group.file, title: `${group.name} · ${catalog.name}`, group }, [catalog.groups[index]!.source]),
    })),
  ];
  const filled = await code.fill(pages.map((page) => page.content));
  const banner = codeBanner(catalog.sources);
  return [
    ...pages.map((page, index) => ({ path: page.path, content: filled[index]! })),
    ...schemas,
    { path: "assets/site.css", content: banner + templates["site.css"] },
    { path: "assets/site.js", content: banner + templates["site.js"] },
    { path: "assets/minisearch.js", content: await minisearchScript(banner) },
    { path: "assets/search-index.js", content: searchIndexScript(search, banner) },
  ];
}

interface PageContext {
  file: string;
  title: string;
  group?: SiteView["groups"][number];
}

function navigation(view: SiteView, current: string) {
  return {
    indexCurrent: current === INDEX_PAGE,
    envelopeCurrent: current === ENVELOPE_PAGE,
    groups: view.groups.map((group) => ({ name: group.name, file: group.file, current: group.file === current })),
  };
}

/** minisearch's browser build, as its package ships it, with its licence; the source-map comment is dropped. */
async function minisearchScript(banner: string): Promise<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.resolve("minisearch"))), "..", "..");
  const [bundle, license, manifest] = await Promise.all([
    readFile(path.join(root, "dist", "umd", "index.js"), "utf8"),
    readFile(path.join(root, "LICENSE.txt"), "utf8").catch(() => readFile(path.join(root, "LICENSE"), "utf8")),
    readFile(path.join(root, "package.json"), "utf8"),
  ]);
  const version = (JSON.parse(manifest) as { version: string }).version;
  const notice = `/*\n * minisearch ${version}, copied from its npm package.\n *\n${license.trim().split("\n").map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;
  return `${banner}${notice}${bundle.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n")}`;
}

/** LF endings, no trailing spaces, at most one blank line in a row, one final newline. Runs before code blocks are filled in. */
function normalize(text: string): string {
  const lines = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  return `${lines.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
