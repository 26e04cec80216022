// docs/templates.md lists exactly the variables each docs template is given, and a misspelt
// variable in a user's template is a warning at its line:column.
import { readFileSync } from "node:fs";
import { cp, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeSyntheticCatalog } from "../bench/synthetic-catalog.js";
import { DEFAULT_TEMPLATES, loadTemplates, renderJobs } from "../generator/emit/emit-docs.js";
import { checkTemplateVariables, templateVariablePaths } from "../generator/emit/template-variables.js";
import type { Diagnostic } from "../generator/diagnostics/diagnostic.js";
import { build, REPO, runCli, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

function documented(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = "";
  for (const line of readFileSync(path.join(REPO, "docs/templates.md"), "utf8").split("\n")) {
    const heading = /^## (.+)$/.exec(line)?.[1];
    if (heading) current = heading;
    const variable = /^\| `([^`]+)` \|/.exec(line)?.[1];
    if (variable) sections.set(current, [...(sections.get(current) ?? []), variable]);
  }
  return sections;
}

test("docs/templates.md lists every variable each template sees, and no other", async () => {
  const { catalog } = await build(SHIPPED_SPEC);
  const actual = templateVariablePaths(catalog!);
  const sections = documented();
  const common = sections.get("Every template") ?? [];
  for (const [template, variables] of Object.entries(actual)) {
    const own = sections.get(`${template} also sees`) ?? [];
    // Structured words (`….words.…`) are documented with their type, generator/kinds/words.ts.
    const given = variables.filter((variable) => !/\.words\./.test(variable));
    assert.equal([...common, ...own].sort(), given.sort(), `${template}: docs/templates.md differs from the view model`);
  }
});

test("a misspelt variable is a warning at its line:column with the closest name", async () => {
  const cwd = await temporaryFolder();
  await cp(SHIPPED_SPEC, path.join(cwd, "spec"), { recursive: true });
  await cp(path.join(REPO, "templates"), path.join(cwd, "docs-templates"), { recursive: true });
  const group = path.join(cwd, "docs-templates", "group.md.mustache");
  await writeFile(group, `{{{banner}}}\n# {{group.name}}\n\n{{group.descripton}}\n{{#group.events}}\n## {{nmae}}\n{{/group.events}}\n`);
  const result = await runCli(["generate", "--templates", "docs-templates", "--format", "json"], cwd);
  assert.is(result.code, 0);
  const diagnostics = JSON.parse(result.stdout) as Diagnostic[];
  assert.equal(
    diagnostics.map((item) => [item.rule, item.severity, item.file, item.line, item.column, /Did you mean `([^`]+)`/.exec(item.hint ?? "")?.[1]]),
    [
      ["templates/unknown-variable", "warning", "docs-templates/group.md.mustache", 4, 1, "group.descriptionMarkdown"],
      ["templates/unknown-variable", "warning", "docs-templates/group.md.mustache", 6, 4, "name"],
    ],
  );
});

// generate checks only authors' templates; eventspec's own are checked here, on the shipped spec,
// every golden case (every field kind and envelope shape) and a synthetic catalog.
test("the shipped templates use only variables they are given", async () => {
  const { templates } = await loadTemplates(DEFAULT_TEMPLATES);
  const synthetic = path.join(await temporaryFolder(), "spec");
  await writeSyntheticCatalog(synthetic, 60, SHIPPED_SPEC, { distinctBodies: true });
  const cases = path.join(REPO, "test", "golden", "cases");
  const specs = [SHIPPED_SPEC, synthetic, ...(await readdir(cases)).sort().map((name) => path.join(cases, name, "spec"))];
  assert.ok(specs.length >= 8);
  for (const spec of specs) {
    const { catalog, diagnostics } = await build(spec);
    assert.ok(catalog, `${spec}: ${JSON.stringify(diagnostics)}`);
    assert.equal(checkTemplateVariables(renderJobs(catalog!), templates!, DEFAULT_TEMPLATES), [], spec);
  }
});

test("a templates folder that is a copy of eventspec's own is checked, and passes", async () => {
  const cwd = await temporaryFolder();
  await cp(SHIPPED_SPEC, path.join(cwd, "spec"), { recursive: true });
  await cp(path.join(REPO, "templates"), path.join(cwd, "docs-templates"), { recursive: true });
  const result = await runCli(["generate", "--templates", "docs-templates", "--site", "site", "--format", "json"], cwd);
  assert.is(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout), []);
});

test.run();
