// The rules the importer types fields by, one table per rule.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { descriptionAllowsNull, enumCandidates, typeFromDescription, typeFromName } from "../../generator/import/description-hints.js";
import { groupOf, specEventName } from "../../generator/import/event-names.js";
import type { Finding } from "../../generator/import/findings.js";
import { typeLabel, type ImportedField } from "../../generator/import/imported-catalog.js";
import { inferFields, type Instance } from "../../generator/import/infer-fields.js";
import { parseJson, type JsonObject } from "../../generator/import/json-source.js";
import { resolveUnresolved, type KnownField } from "../../generator/import/resolve-unresolved.js";
import { decideStringType, stringShape, type StringShape } from "../../generator/import/string-shapes.js";

const SHAPES: [string, StringShape][] = [
  ["21070000000000001", "digits"],
  ["2020-03-24T16:55:59.973Z", "date-time"],
  ["2020-03-30T11:18:51-06:00", "date-time"],
  ["2019-11-05 07:38:00 -0800", "date-time-like"],
  ["219-11-05T07:38:00Z", "date-time-like"],
  ["2019-11-05T07:38:00", "date-time-like"],
  ["2019-02-30T00:00:00Z", "date-time-like"],
  ["2019-11-05", "date"],
  ["219-11-05", "date-like"],
  ["1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295", "uuid"],
  ["93.184.216.34", "ip"],
  ["2001:db8::1", "ip"],
  ["https://oxana.instructure.com/courses/1", "http-url"],
  ["http:/oxana.instructure.com/courses/1", "url-like"],
  ["https://host/with space", "url-like"],
  ["America/Denver", "time-zone"],
  ["text/html", "text"],
  ["inewton@example.com", "email"],
  ["456-T45", "text"],
  ["ef686f8ed684abf78cbfa1f6a58112b5", "text"],
];

for (const [value, shape] of SHAPES) {
  test(`${JSON.stringify(value)} looks like ${shape}`, () => assert.is(stringShape(value), shape));
}

// [field name, values, type label, review words or undefined, conflict words or undefined]
const STRING_DECISIONS: [string, string[], string, RegExp | undefined, RegExp | undefined][] = [
  ["conversation_id", ["123456789", "11"], "CanvasId", undefined, undefined],
  ["id", ["1"], "CanvasId", undefined, undefined],
  ["grade", ["5", "7"], "string", /not an id/, undefined],
  ["session_id", ["ef686f8ed684abf78cbfa1f6a58112b5"], "string", undefined, undefined],
  ["sis_id", ["123", "abc"], "string", undefined, /digit strings \(1\) with other text \(1\)/],
  ["updated_at", ["2018-09-24T06:00:00Z", "2020-03-30T11:18:51-06:00"], "Timestamp", undefined, undefined],
  ["updated_at", ["2018-09-24T06:00:00Z", "2019-11-05 07:38:00 -0800"], "Timestamp", undefined, undefined],
  ["updated_at", ["2019-11-05 07:38:00 -0800"], "Timestamp", /no value is a valid one of the timestamps/, undefined],
  ["due_on", ["2019-11-05"], "string (date)", undefined, undefined],
  ["request_id", ["1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295"], "string (uuid)", undefined, undefined],
  ["client_ip", ["93.184.216.34", "2001:db8::1"], "string (ip)", undefined, undefined],
  ["url", ["http://a.example/x", "https://b.example"], "string (uri)", undefined, undefined],
  ["url", ["http://a.example/x", "http:/b.example"], "string (uri) matching ^https?://", /pattern `\^https\?:\/\/` added/, undefined],
  ["time_zone", ["America/Denver", "UTC"], "string (time-zone)", undefined, undefined],
  ["user_login", ["a@example.com"], "string", /email/, undefined],
  ["due", ["2019-11-05T07:38:00Z", "never"], "string", undefined, /timestamps \(1\) with other text \(1\)/],
  ["name", ["Sally", "MATH 101"], "string", undefined, undefined],
];

for (const [name, values, label, review, conflict] of STRING_DECISIONS) {
  test(`strings ${JSON.stringify(values)} under \`${name}\` are ${label}`, () => {
    const decision = decideStringType(name, values);
    assert.is(typeLabel(decision.type), label);
    if (review) assert.match(decision.review ?? "", review);
    else assert.is(decision.review, undefined);
    if (conflict) assert.match(decision.conflict ?? "", conflict);
    else assert.is(decision.conflict, undefined);
  });
}

// [description, candidates]
const ENUMS: [string, string[]][] = [
  ["The workflow state of the module. (active, deleted, unpublished)", ["active", "deleted", "unpublished"]],
  ["HTTP method/verb (GET, PUT, POST etc.) that the request was sent with.", ["GET", "PUT", "POST"]],
  ["Value will be one of the following: RubricAssessment, Submission, Quizzes::QuizSubmission, or LiveAssessments::Submission.", ["RubricAssessment", "Submission", "Quizzes::QuizSubmission", "LiveAssessments::Submission"]],
  ["Value will be one of the following: AssessmentQuestion, Assignment, Quizzes::Quiz, LiveAssessments::Assessment or nil.", ["AssessmentQuestion", "Assignment", "Quizzes::Quiz", "LiveAssessments::Assessment"]],
  ["The role (e.g. teacher) of the user.", []],
  ["The type of context the outcome proficiency is used in.", []],
  ["Workflow state of the outcome proficiency. E.g active, deleted.", []],
];

for (const [description, candidates] of ENUMS) {
  test(`enum candidates in ${JSON.stringify(description)}`, () => assert.equal(enumCandidates(description), candidates));
}

// [description, allows null]
const NULLS: [string, boolean][] = [
  ["The SIS id of the current user, or null when the user has none.", true],
  ["Value will be an string representation of an integer or nil.", true],
  ["Usually null, can be used to indicate a deeper level of access.", true],
  ["Null if this was the result of automatic grading.", true],
  ["The Canvas id of the conversation.", false],
  ["A nullable count.", true],
];

for (const [description, allowsNull] of NULLS) {
  test(`${JSON.stringify(description)} ${allowsNull ? "allows" : "does not allow"} null`, () => assert.is(descriptionAllowsNull(description), allowsNull));
}

// [name, description, type label or undefined]: the hints for fields no example shows a value for.
const HINTS: [string, string, string | undefined][] = [
  ["deleted_at", "", "Timestamp"],
  ["group_id", "", "CanvasId"],
  ["tag_ids", "", "array of CanvasId"],
  ["is_public", "", "boolean"],
  ["submission_count", "", "integer"],
  ["html_url", "", "string (uri)"],
  ["excused", "Whether the submission was excused.", "boolean"],
  ["attempts", "The number of attempts.", "integer"],
  ["due", "The time the assignment is due.", "Timestamp"],
  ["zone", "Time zone of the user.", undefined],
  ["link", "The URL of the tool.", "string (uri)"],
  ["note", "Reserved.", undefined],
];

for (const [name, description, label] of HINTS) {
  test(`\`${name}\` (${JSON.stringify(description)}) hints ${label ?? "nothing"}`, () => {
    const hint = typeFromName(name) ?? typeFromDescription(description);
    assert.is(hint && typeLabel(hint.type), label);
  });
}

// [Canvas name, spec name, group title, spec file]
const NAMES: [string, string, string, string][] = [
  ["conversation_created", "conversation_created", "Conversation", "conversation.yaml"],
  ["outcomes.retry_outcome_alignment_clone", "outcomes__retry_outcome_alignment_clone", "Outcomes", "outcomes.yaml"],
  ["course_grade_change", "course_grade_change", "Grade", "grade.yaml"],
  ["outcome_proficiency_updated", "outcome_proficiency_updated", "Learning", "learning.yaml"],
  ["Quiz.Export-Done", "quiz__export_done", "Quiz", "quiz.yaml"],
  ["2fa_enabled", "event_2fa_enabled", "Event", "event.yaml"],
  ["catalog_updated", "catalog_updated", "Catalog", "catalog-events.yaml"],
];

for (const [canvasName, specName, title, file] of NAMES) {
  test(`\`${canvasName}\` is \`${specName}\` in group ${title} (${file})`, () => {
    assert.is(specEventName(canvasName), specName);
    assert.match(specName, /^[a-z][a-z0-9_]*$/);
    const group = groupOf(canvasName);
    assert.is(group.title, title);
    assert.is(group.fileName, file);
  });
}

function instances(...bodies: string[]): Instance[] {
  return bodies.map((text, index) => ({ object: parseJson(text).root as JsonObject, file: "event-types/x.json", pointer: `/examples/${index}/payload/body` }));
}

function infer(bodies: string[], schema: Record<string, string> | undefined = {}): { fields: ImportedField[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const documented = schema && Object.entries(schema).map(([name, description], index) => ({ name, description, pointer: `/schema/${name}`, offset: index }));
  const fields = inferFields(documented, instances(...bodies), { file: "event-types/x.json", subject: "x", path: "body", unit: "example", findings });
  return { fields, findings };
}

test("fields are typed from every example together: presence, null, integer and 4.0", () => {
  const { fields } = infer(['{"a": 1, "b": null, "c": "x"}', '{"a": 4.0, "b": "y"}']);
  const summary = fields.map((field) => [field.name, typeLabel(field.type), field.required, field.nullable]);
  assert.equal(summary, [
    ["a", "number", true, false],
    ["b", "string", true, true],
    ["c", "string", false, false],
  ]);
});

test("documented fields come first, in schema order; then example-only fields in order of appearance", () => {
  const { fields, findings } = infer(['{"z": 1, "y": 2, "a": 3}'], { a: "A.", q: "Q." });
  assert.equal(fields.map((field) => field.name), ["a", "q", "z", "y"]);
  assert.equal(findings.filter((finding) => finding.severity === "warning").map((finding) => [finding.rule, finding.pointer]), [
    ["import/unseen-field", "/schema/q"],
    ["import/undocumented-field", "/examples/0/payload/body/z"],
    ["import/undocumented-field", "/examples/0/payload/body/y"],
  ]);
});

test("arrays of objects get members typed across all items, optional where an item lacks them", () => {
  const { fields } = infer(['{"list": [{"id": "1", "n": 2}, {"id": "2"}], "empty": []}', '{"list": [], "empty": []}']);
  assert.is(typeLabel(fields[0]!.type), "array of object {id: CanvasId, n?: integer}");
  assert.is(typeLabel(fields[1]!.type), "array of unresolved");
});

test("a field only ever null is resolved from the catalog first, then the name, then the description, else string", () => {
  const { fields, findings } = infer(['{"seen_elsewhere": null, "created_at": null, "flag": null, "mystery": null}'], {
    seen_elsewhere: "Something.",
    created_at: "Something.",
    flag: "Whether it is set.",
    mystery: "Something.",
  });
  const known: KnownField[] = [{ name: "seen_elsewhere", type: { kind: "integer" }, subject: "other_event", file: "event-types/other.json", pointer: "/schema/seen_elsewhere" }];
  resolveUnresolved({ fields, subject: "x", file: "event-types/x.json", path: "body" }, known, findings);
  assert.equal(fields.map((field) => [field.name, typeLabel(field.type), field.nullable]), [
    ["seen_elsewhere", "integer", true],
    ["created_at", "Timestamp", true],
    ["flag", "boolean", true],
    ["mystery", "string", true],
  ]);
  assert.ok(fields.every((field) => field.review.length === 1), "each guess is a review note on its field");
  assert.is(findings.filter((finding) => finding.severity === "guess").length, 4);
});

test("evidence from metadata.json's examples of other events yields to first-hand evidence", () => {
  const { fields, findings } = infer(['{"state": null}'], { state: "The state." });
  const known: KnownField[] = [
    { name: "state", type: { kind: "integer" }, subject: "metadata.json's x example", file: "metadata.json", pointer: "/examples/0/payload/body/state", secondHand: true },
    { name: "state", type: { kind: "integer" }, subject: "metadata.json's y example", file: "metadata.json", pointer: "/examples/1/payload/body/state", secondHand: true },
    { name: "state", type: { kind: "string" }, subject: "other", file: "event-types/other.json", pointer: "/schema/state" },
  ];
  resolveUnresolved({ fields, subject: "x", file: "event-types/x.json", path: "body" }, known, findings);
  assert.is(typeLabel(fields[0]!.type), "string");
});

test.run();
