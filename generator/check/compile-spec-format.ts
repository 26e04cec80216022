// Writes spec-format-validator.ts: the spec-format schema compiled by Ajv ahead of time, so a run
// neither loads Ajv's compiler nor compiles the schema (about 160 ms of every cold start).
// `npm run compile-spec-format` rewrites it; a test fails when it no longer matches the schema.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { PACKAGE_ROOT, SPEC_FORMAT_SCHEMA } from "../package-files.js";

export const SPEC_FORMAT_SCHEMA_FILE = SPEC_FORMAT_SCHEMA;
/** In the source tree, where tsc picks it up like any other module. */
export const SPEC_FORMAT_VALIDATOR_FILE = path.join(PACKAGE_ROOT, "generator", "check", "spec-format-validator.ts");

/** The options the checker has always compiled the schema with: every error, with its schema and data. */
export const SPEC_FORMAT_AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;

/** The validator module's text for the schema in `schemaText`. */
export function specFormatValidatorSource(schemaText: string): string {
  const ajv = new Ajv2020({ ...SPEC_FORMAT_AJV_OPTIONS, code: { source: true, esm: true, lines: false } });
  const code = standaloneCode.default(ajv, ajv.compile(JSON.parse(schemaText) as object));
  return [
    "// @ts-nocheck",
    "// Generated from spec-format.schema.json by compile-spec-format.ts (Ajv standalone code). Do not edit.",
    'import { createRequire } from "node:module";',
    "const require = createRequire(import.meta.url);",
    code.replace(/^"use strict";/, ""),
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SPEC_FORMAT_VALIDATOR_FILE, specFormatValidatorSource(await readFile(SPEC_FORMAT_SCHEMA_FILE, "utf8")));
}
