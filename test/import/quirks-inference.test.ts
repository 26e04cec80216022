// What the importer decides for each quirk of the fixture catalog, read back from the spec it
// writes (as `generate` reads it) and from its findings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { importCanvas, type ImportResult } from "../../generator/import/import-canvas.js";
import { at, fixture } from "./import-helpers.js";

let imported: ImportResult | undefined;
async function quirks(): Promise<{ result: ImportResult; spec: (file: string) => unknown; text: (file: string) => string }> {
  imported ??= await importCanvas({ inputDir: fixture("quirks"), schemaPath: "schema.json" });
  const result = imported;
  const text = (file: string) => result.files.find((candidate) => candidate.path === file)!.text;
  return { result, spec: (file) => parse(text(file)), text };
}

// [what the issue asks, spec file, dotted path in the parsed spec, expected value]
const TYPES: [string, string, string, unknown][] = [
  ["a digit string under an id name is a CanvasId", "grade.yaml", "events.grade_change.body.submission_id.type", "CanvasId"],
  ["`grade: \"5\"` is a grade, not an id", "grade.yaml", "events.grade_change.body.grade.type", "string"],
  ["an integer in one example and 4.0 in another is a number", "grade.yaml", "events.grade_change.body.score.type", "number"],
  ["null in any example makes a field nullable", "grade.yaml", "events.grade_change.body.old_score.nullable", true],
  ["…without changing its type", "grade.yaml", "events.grade_change.body.old_score.type", "integer"],
  ["a field in only some examples is optional", "grade.yaml", "events.grade_change.body.grader_id.required", false],
  ["a field in every example stays required, metadata.json's example of the event included", "grade.yaml", "events.grade_change.body.submission_id.required", undefined],
  ["a field missing from metadata.json's example of the event is optional", "grade.yaml", "events.grade_change.body.student_id.required", false],
  ["timestamps become the timestamp type", "grade.yaml", "events.grade_change.body.graded_at.type", "Timestamp"],
  ["only null or absent, `*_at`: a timestamp", "grade.yaml", "events.grade_change.body.posted_at.type", "Timestamp"],
  ["only null, the description says “whether”: a boolean", "grade.yaml", "events.grade_change.body.excused.type", "boolean"],
  ["null in its own file, a string in metadata.json's example of the event: typed from that", "grade.yaml", "events.grade_change.body.late_policy_status.type", "string"],
  ["…and nullable", "grade.yaml", "events.grade_change.body.late_policy_status.nullable", true],
  ["only null, nothing to go on: string for review", "grade.yaml", "events.grade_change.body.note.type", "string"],
  ["documented in no example: kept, optional", "grade.yaml", "events.grade_change.body.group_id.required", false],
  ["…typed from its name", "grade.yaml", "events.grade_change.body.group_id.type", "CanvasId"],
  ["an example field the schema lacks is kept", "grade.yaml", "events.grade_change.body.anonymous_grading.type", "boolean"],
  ["a documented name one character off is kept", "grade.yaml", "events.grade_change.body.assigment_id.type", "CanvasId"],
  ["…and so is the examples' spelling, with the documented description", "grade.yaml", "events.grade_change.body.assignment_id.description", "The Canvas id of the assignment associated with the submission."],
  ["a prose enum is not a closed enum", "grade.yaml", "events.grade_change.body.workflow_state.type", "string"],
  ["descriptions are verbatim", "grade.yaml", "events.grade_change.body.workflow_state.description", "The state of the submission (submitted, unsubmitted, graded, pending_review)."],
  ["a documented nested object gets its members", "grade.yaml", "events.course_grade_change.body.score.fields.current_score.type", "number"],
  ["…with their descriptions", "grade.yaml", "events.course_grade_change.body.score.fields.final_score.description", "The student's final score in the course."],
  ["…and a member the schema lacks", "grade.yaml", "events.course_grade_change.body.score.fields.grading_period_id.type", "CanvasId"],
  ["a nested member only ever null: from its name", "grade.yaml", "events.course_grade_change.body.score.fields.computed_at.type", "Timestamp"],
  ["an array gets its element type", "submission.yaml", "events.submission_updated.body.attachment_ids.items", "CanvasId"],
  ["an array only ever empty: string items for review", "submission.yaml", "events.submission_updated.body.stuck_sis_fields.items", "string"],
  ["a URL with one slash adds a pattern, not a wider type", "submission.yaml", "events.submission_updated.body.preview_url.pattern", "^https?://"],
  ["a three-digit year does not widen the timestamp", "submission.yaml", "events.submission_updated.body.submitted_at.type", "Timestamp"],
  ["array items that are objects get their members", "learning.yaml", "events.outcome_proficiency_created.body.outcome_proficiency_ratings.items.fields.points.type", "number"],
  ["…an id inside them too", "learning.yaml", "events.outcome_proficiency_created.body.outcome_proficiency_ratings.items.fields.outcome_proficiency_rating_id.type", "CanvasId"],
  ["mixed kinds become a union", "assignment.yaml", "events.assignment_created.body.points_possible.type", "union"],
  ["…of each kind's own type", "assignment.yaml", "events.assignment_created.body.points_possible.of", ["integer", "string"]],
  ["but an id written as a number is a mistake, not an alternative: CanvasId stays", "quiz.yaml", "events.quiz_submitted.body.quiz_id.type", "CanvasId"],
  ["documented in no example: nullable too", "grade.yaml", "events.grade_change.body.group_id.nullable", true],
  ["`null` seen for an otherwise-timestamp field", "assignment.yaml", "events.assignment_created.body.due_at.nullable", true],
  ["many examples: a field in one of fourteen is optional", "asset.yaml", "events.asset_accessed.body.filename.required", false],
  ["many examples: `level` is null in most", "asset.yaml", "events.asset_accessed.body.level.nullable", true],
  ["Canvas's grouping: course_grade_change is on the Grade page", "grade.yaml", "group.name", "Grade"],
  ["outcome_proficiency_created is on the Learning page", "learning.yaml", "group.name", "Learning"],
  ["the dotted name becomes `__`", "outcomes.yaml", "events.outcomes__retry_outcome_alignment_clone.trigger", "Manually triggered by the user"],
  ["the file name does not name the event", "wiki.yaml", "events.wiki_page_updated.body.old_title.nullable", true],
  ["envelope: `referrer: null` in an example makes it nullable", "catalog.yaml", "envelope.fields.referrer.nullable", true],
  ["envelope: a field some examples lack is optional", "catalog.yaml", "envelope.fields.job_id.required", false],
  ["envelope: a field every example has is required", "catalog.yaml", "envelope.fields.event_time.required", undefined],
  ["envelope: an IANA zone name gets the format", "catalog.yaml", "envelope.fields.time_zone.format", "time-zone"],
  ["envelope: description from metadata.json", "catalog.yaml", "envelope.description", "Metadata included in each event. Exact fields vary by event type and whether the event is system- or user- generated."],
];

for (const [what, file, dotted, expected] of TYPES) {
  test(`${what} (${file}: ${dotted})`, async () => {
    const { spec } = await quirks();
    assert.equal(at(spec(file), dotted), expected);
  });
}

test("the renamed event keeps Canvas's name as its eventName, so its examples are valid", async () => {
  const { spec } = await quirks();
  assert.is(at(spec("outcomes.yaml"), "events.outcomes__retry_outcome_alignment_clone.eventName"), "outcomes.retry_outcome_alignment_clone");
  assert.is(at(spec("outcomes.yaml"), "events.outcomes__retry_outcome_alignment_clone.examples.0.knownInvalid"), undefined);
});

// [rule, file, pointer]: every conflict is reported with its source.
const CONFLICTS: [string, string, string][] = [
  ["import/unseen-field", "event-types/grade_change.json", "/schema/group_id"],
  ["import/undocumented-field", "event-types/grade_change.json", "/examples/1/payload/body/anonymous_grading"],
  ["import/undocumented-field", "event-types/course_grade_change.json", "/examples/0/payload/body/score/grading_period_id"],
  ["import/near-name", "event-types/grade_change.json", "/schema/assigment_id"],
  ["import/wrong-event", "event-types/module_updated.json", "/examples/1/payload/metadata/event_name"],
  ["import/mixed-types", "event-types/assignment_created.json", "/schema/points_possible"],
  ["import/unsafe-integer", "event-types/quiz_submitted.json", "/examples/1/payload/body/quiz_id"],
  ["import/invalid-example", "event-types/grade_change.json", "/examples/1/payload/body/graded_at"],
  ["import/invalid-example", "event-types/submission_updated.json", "/examples/1/payload/body/submitted_at"],
  ["import/invalid-example", "event-types/submission_updated.json", "/examples/1/payload/body/preview_url"],
  ["import/invalid-example", "event-types/quiz_submitted.json", "/examples/1/payload/body/quiz_id"],
  ["import/unseen-field", "event-types/asset_accessed.json", "/schema/domain"],
];

for (const [rule, file, pointer] of CONFLICTS) {
  test(`${rule} is reported at ${file} ${pointer}`, async () => {
    const { result, text } = await quirks();
    const finding = result.findings.find((candidate) => candidate.rule === rule && candidate.file === file && candidate.pointer === pointer);
    assert.ok(finding, `no ${rule} at ${file} ${pointer}`);
    assert.is(finding.severity, "warning");
    assert.ok(text("import-report.md").includes(`- \`${pointer}\` \`${rule}\`: ${finding.message}`), "the report lists it under its file");
  });
}

// [file, pointer, words of the guess]: every guess is in the report and above its field.
const GUESSES: [string, string, RegExp][] = [
  ["event-types/grade_change.json", "/schema/grade", /digit strings, but the name is not an id/],
  ["event-types/grade_change.json", "/schema/workflow_state", /enum candidate from the description: `submitted`, `unsubmitted`, `graded`, `pending_review`.*Examples also show `"deleted"`/],
  ["event-types/module_created.json", "/schema/workflow_state", /enum candidate from the description: `active`, `deleted`, `unpublished`/],
  ["event-types/asset_accessed.json", "/schema/role", /enum candidate from the description: `AccountUser`, `DesignerEnrollment`/],
  ["metadata.json", "/schema/http_method", /enum candidate from the description: `GET`, `PUT`, `POST`/],
  ["event-types/grade_change.json", "/schema/note", /typed string for review/],
  ["event-types/grade_change.json", "/schema/posted_at", /typed `Timestamp` because the name ends in `_at`/],
  ["event-types/grade_change.json", "/schema/excused", /typed `boolean` because the description says/],
  ["event-types/module_created.json", "/examples", /only 1 example shows this event: each field it has is required and not nullable/],
  ["event-types/grade_change.json", "/schema/grader_id", /nullable because the description says it can be null/],
  ["event-types/submission_updated.json", "/schema/stuck_sis_fields", /only empty lists in the examples/],
  ["event-types/submission_updated.json", "/schema/preview_url", /pattern `\^https\?:\/\/` added/],
];

for (const [file, pointer, words] of GUESSES) {
  test(`a guess is reported at ${file} ${pointer}`, async () => {
    const { result } = await quirks();
    const finding = result.findings.find((candidate) => candidate.severity === "guess" && candidate.file === file && candidate.pointer === pointer && words.test(candidate.message));
    assert.ok(finding, `no guess matching ${words} at ${file} ${pointer}`);
  });
}

test("guesses are YAML comments above their fields, so the spec itself says what to review", async () => {
  const { text } = await quirks();
  assert.match(text("module.yaml"), /\n {6}# review: enum candidate from the description: `active`, `deleted`, `unpublished`[^\n]*\n {6}workflow_state:\n/);
  assert.match(text("grade.yaml"), /\n {6}# review: digit strings, but the name is not an id[^\n]*\n {6}grade:\n/);
});

test("examples that contradict the spec are marked knownInvalid with the reason; the others are not", async () => {
  const { spec } = await quirks();
  const reason = (file: string, dotted: string) => String(at(spec(file), dotted));
  assert.match(reason("grade.yaml", "events.grade_change.examples.1.knownInvalid"), /\/body\/graded_at is string "2019-11-05 07:38:00 -0800"/);
  assert.match(reason("submission.yaml", "events.submission_updated.examples.1.knownInvalid"), /"219-11-06T13:38:00Z".*\/body\/preview_url is string "http:\/oxana/s);
  assert.match(reason("module.yaml", "events.module_updated.examples.1.knownInvalid"), /`metadata\.event_name` is "module_created", not `module_updated`/);
  assert.match(reason("quiz.yaml", "events.quiz_submitted.examples.1.knownInvalid"), /number 21070000000000123/);
  assert.is(at(spec("grade.yaml"), "events.grade_change.examples.0.knownInvalid"), undefined);
  assert.is(at(spec("grade.yaml"), "events.grade_change.examples.2.knownInvalid"), undefined);
});

test("metadata.json's examples are checked against the envelope too", async () => {
  const { result } = await quirks();
  // Its user-generated example has `referrer: null`, which made the field nullable: nothing to report.
  assert.is(result.findings.filter((finding) => finding.rule === "import/envelope-example").length, 0);
  assert.is(result.findings.filter((finding) => finding.severity === "error").length, 0);
});

test.run();
