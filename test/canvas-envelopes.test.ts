// The shipped envelope against envelopes shaped like the ones Canvas really sends: events from a
// background job (no user, no request), requests made with an API token (no session, no
// Referer), browser requests with every field. Canvas writes null for request fields it cannot
// fill, so they must pass; what is malformed (a Ruby-style timestamp, an id written as a
// number, a day that does not exist) must still fail, at its path.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as generated from "../generated/index.js";

const BODY = { conversation_id: "21070000000000123", updated_at: "2019-11-01T00:07:59Z" };
const event = (metadata: Record<string, unknown>) => ({ metadata: { ...metadata, event_name: "conversation_created", event_time: metadata.event_time ?? "2019-11-01T00:07:59.125Z" }, body: BODY });

const ROOT = {
  root_account_uuid: "T3stRootUuid0000000000000000000000000000",
  root_account_id: "21070000000000001",
  root_account_lti_guid: "0f4a2c9b1e7d3a5c8b6e0d2f4a6c8e0b2d4f6a8c.school.instructure.com",
};

/** A delayed job: no user, no request; the request fields absent. */
const JOB_ABSENT = { ...ROOT, job_id: "1020020528469291", job_tag: "Assignment#post_submissions", producer: "canvas", context_type: "Course", context_id: "21070000000000565" };

/** A delayed job whose serializer wrote every request field as null. */
const JOB_NULLS = {
  ...JOB_ABSENT,
  user_login: null, user_account_id: null, user_sis_id: null, user_id: null, real_user_id: null, time_zone: null, developer_key_id: null,
  context_sis_source_id: null, context_account_id: null, context_role: null, request_id: null, session_id: null, hostname: null,
  http_method: null, user_agent: null, client_ip: null, url: null, referrer: null,
};

/** An API call with an access token: a developer key, no session, no Referer, a user without a time zone. */
const API_TOKEN = {
  ...ROOT,
  user_login: "api-integration",
  user_account_id: "21070000000000001",
  user_sis_id: null,
  user_id: "21070000000000777",
  time_zone: null,
  developer_key_id: "170000000056",
  context_type: "Account",
  context_id: "21070000000000001",
  context_sis_source_id: null,
  context_account_id: null,
  context_role: "AccountAdmin",
  request_id: "0b9f3a64-7c1e-4d2a-9e55-3f1c2b7a8d90",
  session_id: null,
  hostname: "school.instructure.com",
  http_method: "POST",
  user_agent: "python-requests/2.31.0",
  client_ip: "2001:db8::17",
  url: "https://school.instructure.com/api/v1/conversations?access_token=1~redacted",
  referrer: null,
  producer: "canvas",
};

/** A browser request, masquerading, with every field filled. */
const BROWSER = {
  ...ROOT,
  user_login: "teacher@example.edu",
  user_account_id: "21070000000000001",
  user_sis_id: "T-0042",
  user_id: "21070000000000002",
  real_user_id: "21070000000000009",
  time_zone: "America/Argentina/Buenos_Aires",
  developer_key_id: "170000000056",
  context_type: "Course",
  context_id: "21070000000000565",
  context_sis_source_id: "2019.FALL.BIO-101",
  context_account_id: "21070000000000079",
  context_role: "TeacherEnrollment",
  request_id: "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
  session_id: "5a1d0c9e8b7f6a5d4c3b2a1f0e9d8c7b",
  hostname: "school.instructure.com",
  http_method: "POST",
  user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36",
  client_ip: "203.0.113.7",
  url: "https://school.instructure.com/conversations",
  referrer: "https://school.instructure.com/conversations?scope=inbox",
  producer: "canvas",
  job_id: null,
  job_tag: null,
  event_time: "2019-11-01T10:07:59.125-05:00",
};

for (const [label, metadata] of [["job, request fields absent", JOB_ABSENT], ["job, request fields null", JOB_NULLS], ["API token", API_TOKEN], ["browser, every field", BROWSER]] as const) {
  test(`a realistic envelope is accepted: ${label}`, () => {
    const result = generated.parseEvent(event(metadata));
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(generated.isConversationCreated(event(metadata)));
  });
}

test("every optional envelope field may be null, and says when it is", async () => {
  const { default: schema } = await import("../generated/schema/envelope.schema.json", { with: { type: "json" } });
  const properties = schema.properties as Record<string, { description: string; type?: unknown; anyOf?: { type?: string }[] }>;
  const optional = Object.keys(properties).filter((key) => !(schema.required as string[]).includes(key));
  assert.ok(optional.length >= 20);
  for (const key of optional.filter((name) => name !== "producer")) {
    const property = properties[key]!;
    const nullable = (Array.isArray(property.type) && property.type.includes("null")) || (property.anyOf ?? []).some((branch) => branch.type === "null");
    assert.ok(nullable, `${key} is not nullable`);
    assert.match(property.description, /null/, `${key}: the description does not say when it is null`);
  }
});

for (const [label, metadata, path, keyword] of [
  ["a Ruby-style timestamp", { ...BROWSER, event_time: "2019-11-05 07:38:00 -0800" }, "/metadata/event_time", "format"],
  ["an id written as a number", { ...JOB_ABSENT, context_id: 21070000000000565 }, "/metadata/context_id", "type"],
  ["a root account id as a number", { ...API_TOKEN, root_account_id: 21070000000000001 }, "/metadata/root_account_id", "type"],
  ["an impossible date", { ...JOB_ABSENT, event_time: "2019-02-29T00:07:59Z" }, "/metadata/event_time", "format"],
  ["a Referer that is no URI", { ...BROWSER, referrer: "not a uri" }, "/metadata/referrer", "format"],
  ["a null event_time", { ...JOB_ABSENT, event_time: null }, "/metadata/event_time", "type"],
] as const) {
  test(`a malformed envelope is still rejected: ${label}`, () => {
    const input = event(metadata as Record<string, unknown>);
    if ((metadata as Record<string, unknown>).event_time === null) (input.metadata as Record<string, unknown>).event_time = null;
    const result = generated.parseEvent(input);
    assert.not.ok(result.ok);
    if (!result.ok) assert.equal(result.errors.map((error) => `${error.path} ${error.keyword}`), [`${path} ${keyword}`]);
  });
}

test("a failure that is only nulls or unlisted values says it looks like spec drift", () => {
  const input = event({ ...BROWSER, producer: null });
  (input.body as Record<string, unknown>).conversation_id = null;
  const result = generated.parseEvent(input);
  assert.not.ok(result.ok);
  if (result.ok) return;
  assert.ok(result.drift);
  assert.equal(result.errors.map((error) => error.drift), ["null", "null"]);
  assert.is(result.errors[0]!.message, "/metadata/producer: expected string, received null (null is not allowed here by the spec: spec drift if the producer now sends null for it)");
  assert.ok(generated.isDriftOnly(result.errors));

  const renamed = generated.parseEvent({ ...event(BROWSER), metadata: { ...BROWSER, event_name: "conversation_archived", event_time: "2019-11-01T00:07:59Z" } });
  assert.ok(!renamed.ok && renamed.drift, "an event name the spec does not list is drift too");
  assert.match(renamed.ok ? "" : renamed.errors[0]!.message, "a value the spec does not list: spec drift if the producer added it");
});

test("garbage is not drift: a wrong type, a malformed value, or drift mixed with either", () => {
  for (const metadata of [{ ...JOB_ABSENT, context_id: 565 }, { ...JOB_ABSENT, event_time: "2019-11-05 07:38:00 -0800" }, { ...JOB_ABSENT, producer: null, context_id: 565 }]) {
    const result = generated.parseEvent(event(metadata));
    assert.ok(!result.ok && !result.drift, JSON.stringify(metadata));
    assert.ok(!result.ok && result.errors.some((error) => error.drift === undefined && !/spec drift/.test(error.message)));
  }
  const nullBody = generated.parseEvent({ metadata: event(JOB_ABSENT).metadata, body: null });
  assert.ok(!nullBody.ok && !nullBody.drift, "a null body is no field of the spec drifting");
});

test.run();
