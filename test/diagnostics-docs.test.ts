// docs/diagnostics.md lists every rule id the tools can report, and no other.
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RULES } from "../generator/diagnostics/diagnostic.js";
import { IMPORT_RULES } from "../generator/import/findings.js";
import { REPO } from "./helpers/generate.js";

test("every rule id is documented, and every documented id exists", () => {
  const text = readFileSync(path.join(REPO, "docs/diagnostics.md"), "utf8");
  const documented = [...text.matchAll(/^\| `([a-z]+\/[a-z0-9-]+)` \|/gm)].map((match) => match[1]!).sort();
  assert.equal(documented, [...Object.keys(RULES), ...Object.keys(IMPORT_RULES)].sort());
});

test.run();
