import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/generate.js";

test("the committed generated/, its site included, is what the shipped spec generates (npm run generate -- --check)", async () => {
  const result = await runCli(["generate", "--check", "--site", "generated/site"]);
  assert.is(result.stderr, "");
  assert.is(result.code, 0);
  assert.match(result.stdout, /is up to date/);
});

test.run();
