// `oneOf`/`anyOf` in AsyncAPI payloads become the spec's union kind: null alternatives make the
// field nullable, nested unions flatten, string constants join into an enum, and what the union
// cannot say (`oneOf`'s "exactly one" over alternatives that overlap) is reported at its pointer.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { importAsyncApi } from "../../generator/import/asyncapi/import-asyncapi.js";
import { build, temporaryFolder, writeTree } from "../helpers/generate.js";

function documentWith(fields: Record<string, unknown>, body: Record<string, unknown>): string {
  return JSON.stringify({
    asyncapi: "3.0.0",
    info: { title: "Grades", version: "1" },
    channels: { grades: { messages: { grade_posted: { $ref: "#/components/messages/grade_posted" } } } },
    components: {
      schemas: { Letter: { type: "string", pattern: "^[A-F][+-]?$", description: "A letter grade." } },
      messages: {
        grade_posted: {
          summary: "A grade was posted.",
          payload: {
            type: "object",
            required: ["metadata", "body"],
            properties: {
              metadata: { type: "object", required: ["event_name"], properties: { event_name: { const: "grade_posted" } } },
              body: { type: "object", properties: fields },
            },
          },
          examples: [{ payload: { metadata: { event_name: "grade_posted" }, body } }],
        },
      },
    },
  });
}

const imported = (fields: Record<string, unknown>, body: Record<string, unknown> = {}) => {
  const result = importAsyncApi({ file: "grades.json", text: documentWith(fields, body), schemaPath: "schema.json" });
  const spec = parse(result.files.find((file) => file.path === "grades.yaml")!.text) as { events: { grade_posted: { body: Record<string, Record<string, unknown>> } } };
  return { body: spec.events.grade_posted.body, findings: result.findings.map((finding) => `${finding.rule} ${finding.pointer}`), files: result.files };
};

const at = "/components/messages/grade_posted/payload/properties/body/properties";

test("anyOf of kinds becomes a union; a null alternative makes the field nullable", () => {
  const { body, findings } = imported({ score: { description: "Points or a letter.", anyOf: [{ type: "number", minimum: 0 }, { $ref: "#/components/schemas/Letter" }, { type: "null" }] } });
  assert.equal(body.score, { type: "union", of: [{ type: "number", minimum: 0 }, "Letter"], description: "Points or a letter.", nullable: true, required: false });
  assert.equal(findings, []);
});

test("type: [string, integer, null] becomes a union of two, nullable, each alternative with its own keywords", () => {
  const { body, findings } = imported({ id: { description: "An id.", type: ["string", "integer", "null"], pattern: "^[0-9]+$", minimum: 1 } });
  assert.equal(body.id, { type: "union", of: [{ type: "string", pattern: "^[0-9]+$" }, { type: "integer", minimum: 1 }], description: "An id.", nullable: true, required: false });
  assert.equal(findings, []);
});

test("a nullable alternative, a nested union and string constants", () => {
  const nested = imported({ value: { description: "A value.", oneOf: [{ type: ["string", "null"] }, { anyOf: [{ type: "integer" }, { type: "boolean" }] }] } });
  assert.equal(nested.body.value, { type: "union", of: ["string", "integer", "boolean"], description: "A value.", nullable: true, required: false });
  const constants = imported({ state: { description: "The state.", oneOf: [{ const: "draft" }, { const: "final", description: "Posted for good." }, { enum: ["withdrawn"] }] } });
  assert.equal(constants.body.state, { type: "enum", values: { draft: "The value draft.", final: "Posted for good.", withdrawn: "The value withdrawn." }, description: "The state.", required: false });
});

test("oneOf whose alternatives overlap is reported at its pointer; objects told apart by a constant are not", () => {
  const overlapping = imported({ note: { description: "A note.", oneOf: [{ type: "string", maxLength: 10 }, { type: "string", pattern: "^n" }, { type: "integer" }] } });
  assert.equal(overlapping.body.note!.type, "union");
  assert.equal(overlapping.findings, [`import/not-expressible ${at}/note/oneOf`]);
  const tagged = imported({
    source: {
      description: "Where it came from.",
      oneOf: [
        { type: "object", required: ["kind"], properties: { kind: { const: "manual" } } },
        { type: "object", required: ["kind", "tool"], properties: { kind: { const: "lti" }, tool: { type: "string" } } },
      ],
    },
  });
  assert.equal(tagged.findings, []);
  assert.equal((tagged.body.source!.of as unknown[]).length, 2);
});

test("the imported union generates validators that accept each alternative and reject others", async () => {
  const { files } = imported({ score: { description: "Points or a letter.", anyOf: [{ type: "number" }, { $ref: "#/components/schemas/Letter" }, { type: "null" }] } }, { score: "B+" });
  const spec = path.join(await temporaryFolder(), "spec");
  await writeTree(spec, Object.fromEntries(files.filter((file) => file.path.endsWith(".yaml")).map((file) => [file.path, file.text])));
  const built = await build(spec);
  assert.equal(built.diagnostics, []);
  const types = built.files!.find((file) => file.path === "groups/grades.types.ts")!.content;
  assert.match(types, "score?: number | Letter | null;");
});

test.run();
