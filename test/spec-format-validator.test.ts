import { readFile } from "node:fs/promises";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Ajv2020 } from "ajv/dist/2020.js";
import { SPEC_FORMAT_AJV_OPTIONS, SPEC_FORMAT_SCHEMA_FILE, SPEC_FORMAT_VALIDATOR_FILE, specFormatValidatorSource } from "../generator/check/compile-spec-format.js";
import validateSpecFormat from "../generator/check/spec-format-validator.js";

test("the precompiled spec-format validator is the schema's current compilation", async () => {
  const expected = specFormatValidatorSource(await readFile(SPEC_FORMAT_SCHEMA_FILE, "utf8"));
  const actual = await readFile(SPEC_FORMAT_VALIDATOR_FILE, "utf8");
  assert.ok(actual === expected, "generator/check/spec-format-validator.ts is stale: run `npm run compile-spec-format`");
});

test("it reports exactly what Ajv compiling the schema at run time reports", async () => {
  const schema = JSON.parse(await readFile(SPEC_FORMAT_SCHEMA_FILE, "utf8")) as object;
  const reference = new Ajv2020(SPEC_FORMAT_AJV_OPTIONS).compile(schema);
  const documents: unknown[] = [
    { catalog: { name: "x", version: "1" }, envelope: { description: "d", fields: {} } },
    { group: { name: "g" }, events: { a_b: { definition: "d", body: { x: { type: "strnig", description: "x" } } } } },
    { group: { name: "g" }, events: { a_b: { definitoin: "d", body: { x: { type: "string", required: "no" } } } } },
    { types: { Id: { type: "string", pattern: 3 } }, events: [] },
    { catalog: null },
    [],
  ];
  for (const document of documents) {
    const ours = validateSpecFormat as unknown as typeof reference;
    assert.is(ours(document), reference(document));
    assert.equal(JSON.parse(JSON.stringify(ours.errors ?? null)), JSON.parse(JSON.stringify(reference.errors ?? null)));
  }
});

test.run();
