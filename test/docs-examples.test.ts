// Every YAML block in README.md and docs/*.md is a spec file a reader may paste, so each one runs
// through the checker that `generate` uses. A block holding `catalog:` is a catalog file; any other
// block is a group file, checked together with the nearest catalog block above it (or README's).
// A block meant to show a mistake is marked on the line above its fence:
//
//   <!-- fails: spec/unknown-key -->
//
// and must fail with that rule, and with no other error.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RULES } from "../generator/diagnostics/diagnostic.js";
import { checkSpec } from "../generator/pipeline.js";
import { REPO } from "./helpers/generate.js";

interface Block {
  file: string;
  line: number;
  text: string;
  fails?: string;
}

function yamlBlocks(file: string): Block[] {
  const lines = readFileSync(path.join(REPO, file), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^```ya?ml\s*$/.test(lines[index]!)) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    assert.ok(end > index, `${file}:${index + 1}: unclosed yaml block`);
    const fails = /^<!-- fails: ([a-z]+\/[a-z0-9-]+) -->$/.exec(lines[index - 1] ?? "")?.[1];
    blocks.push({ file, line: index + 1, text: `${lines.slice(index + 1, end).join("\n")}\n`, ...(fails ? { fails } : {}) });
    index = end;
  }
  return blocks;
}

const documents = ["README.md", ...readdirSync(path.join(REPO, "docs")).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`)];
const byDocument = new Map(documents.map((file) => [file, yamlBlocks(file)]));
const isCatalog = (block: Block) => /^catalog:/m.test(block.text);
const readmeCatalog = byDocument.get("README.md")!.find((block) => isCatalog(block) && !block.fails);

test("README.md has YAML examples, and README's catalog example is sound on its own", () => {
  assert.ok(byDocument.get("README.md")!.length >= 3);
  assert.ok(readmeCatalog, "README.md needs a catalog example");
});

for (const [file, blocks] of byDocument) {
  for (const block of blocks) {
    test(`${file}:${block.line} ${block.fails ? `fails with ${block.fails}` : "is a sound spec file"}`, () => {
      const above = blocks.filter((other) => other.line < block.line && isCatalog(other) && !other.fails).at(-1) ?? readmeCatalog!;
      const files = isCatalog(block) ? [{ path: "spec/catalog.yaml", text: block.text }] : [{ path: "spec/catalog.yaml", text: above.text }, { path: "spec/example.yaml", text: block.text }];
      const errors = checkSpec(files, "spec").diagnostics.filter((diagnostic) => diagnostic.severity === "error");
      const shown = errors.map((item) => `${item.file}:${item.line}:${item.column} ${item.rule} ${item.message}`).join("\n");
      if (!block.fails) {
        assert.is(errors.length, 0, `${file}:${block.line}: the example fails:\n${shown}`);
        return;
      }
      assert.ok(block.fails in RULES, `${file}:${block.line}: unknown rule ${block.fails}`);
      assert.ok(errors.length > 0, `${file}:${block.line}: marked to fail with ${block.fails}, but it passes`);
      assert.ok(errors.every((item) => item.rule === block.fails && item.file === files.at(-1)!.path), `${file}:${block.line}: expected only ${block.fails}, got\n${shown}`);
    });
  }
}

test.run();
