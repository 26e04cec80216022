// `{{#code}}…{{/code}}` in docs templates: the text inside a code span is printed as written,
// never Markdown-escaped (inside backticks a backslash would show). Names hold `_`, `*` and a backtick.
import path from "node:path";
import MarkdownIt from "markdown-it";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { build, temporaryFolder, writeTree } from "./helpers/generate.js";

const DISCRIMINATOR = "event_`kind`*";
const GROUP = "Odd_*group* `x`";

async function specFolder(): Promise<string> {
  const root = await temporaryFolder("eventspec-code-span-");
  const catalog = {
    catalog: { name: "Code spans", version: "1.0.0" },
    envelope: { description: "Metadata.", discriminator: DISCRIMINATOR, fields: { [DISCRIMINATOR]: { type: "string", description: "The event name." } } },
  };
  const group = {
    group: { name: GROUP },
    events: {
      item_changed: {
        eventName: "item_changed",
        definition: "An item changed.",
        body: { "a_*b*`c`": { type: "string", description: "A key with Markdown punctuation." } },
        examples: [{ payload: { metadata: { [DISCRIMINATOR]: "item_changed" }, body: { "a_*b*`c`": "x" } } }],
      },
    },
  };
  await writeTree(path.join(root, "spec"), { "catalog.yaml": stringify(catalog), "group.yaml": stringify(group) });
  return root;
}

/** The contents of every `<code>` element of the rendered page, entities decoded. */
function codes(markdownText: string): string[] {
  const html = new MarkdownIt({ html: true }).render(markdownText);
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((match) => match[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

test("the envelope page shows the discriminator in a code span as written", async () => {
  const root = await specFolder();
  const { files, diagnostics } = await build(path.join(root, "spec"));
  assert.equal(diagnostics, []);
  const envelope = files!.find((file) => file.path === "docs/envelope.md")!.content;
  assert.ok(codes(envelope).includes(DISCRIMINATOR), `no code span holding ${DISCRIMINATOR}: ${codes(envelope).join(" | ")}`);
  assert.not.match(envelope, /event\\_/, "no backslash escape of the discriminator");
});

test("a template's {{#code}} section prints names unescaped in a code span, and {{name}} outside it escaped", async () => {
  const root = await specFolder();
  const templates = path.join(root, "templates");
  await writeTree(templates, {
    "index.md.mustache": "# {{catalog.name}}\n",
    "envelope.md.mustache": "Discriminator: {{#code}}{{envelope.discriminator}}{{/code}}\n",
    "group.md.mustache": [
      "Group {{#code}}{{group.name}}{{/code}} and {{group.name}}",
      "",
      "{{#group.events}}",
      // A name looked up in the section, and one from the outer context, inside the same code span.
      "- {{#code}}{{name}} in {{group.name}}{{/code}}: {{name}}",
      "{{/group.events}}",
      "",
    ].join("\n"),
  });
  const { files, diagnostics } = await build(path.join(root, "spec"), { templatesDir: templates });
  assert.equal(diagnostics, []);
  const page = files!.find((file) => file.path.startsWith("docs/") && !["docs/README.md", "docs/envelope.md"].includes(file.path))!.content;
  const found = codes(page);
  assert.ok(found.includes(GROUP), `group name: ${found.join(" | ")}`);
  assert.ok(found.includes(`item_changed in ${GROUP}`), `event and group names: ${found.join(" | ")}`);
  const html = new MarkdownIt({ html: true }).render(page);
  // Outside code spans the escaped text renders back to the name, with no emphasis from its `*`.
  assert.not.match(html, /<em>/);
  assert.ok(html.includes("and Odd_*group* `x`"), html);
  const envelope = files!.find((file) => file.path === "docs/envelope.md")!.content;
  assert.ok(codes(envelope).includes(DISCRIMINATOR), envelope);
});

test.run();
