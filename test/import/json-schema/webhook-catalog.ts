// A webhook catalog published as JSON Schema, shaped like the large public ones: dozens of events
// with several actions each, definitions shared through `$ref` and nested six deep, nullable
// fields everywhere (`type: [T, "null"]`, `oneOf: [X, {type: null}]`, enums with null), `allOf`
// composition, closed objects, constructs the spec language cannot express, and example payloads
// filed by event name (the header) and action. Written two ways: one file whose `oneOf` lists the
// events (definitions under `definitions`), and a folder of schema files with relative `$ref`s.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

type Schema = Record<string, unknown>;

export const ACTIONS = ["created", "edited", "deleted", "transferred"] as const;
export const EVENT_COUNT = 24;

/** `event_00` … : some with actions, every fifth without. */
export function eventNames(): string[] {
  return Array.from({ length: EVENT_COUNT }, (_, index) => (index === 0 ? "issues" : index === 1 ? "pull_request" : `thing_${String(index).padStart(2, "0")}`));
}

export const hasActions = (event: string, index: number) => index % 5 !== 4 || event === "issues";

function definitions(ref: (name: string) => string): Record<string, Schema> {
  const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: "null" }] });
  const defs: Record<string, Schema> = {
    user: {
      title: "User",
      type: "object",
      required: ["login", "id", "type", "site_admin"],
      properties: {
        login: { type: "string" },
        id: { type: "integer" },
        node_id: { type: "string" },
        avatar_url: { type: "string", format: "uri" },
        name: { type: ["string", "null"] },
        email: { type: ["string", "null"], format: "email" },
        type: { type: "string", enum: ["Bot", "User", "Organization"] },
        site_admin: { type: "boolean" },
      },
      additionalProperties: false,
    },
    label: {
      type: "object",
      required: ["id", "name", "color", "default"],
      properties: { id: { type: "integer" }, name: { type: "string" }, color: { type: "string", pattern: "^[0-9a-fA-F]{6}$" }, default: { type: "boolean" }, description: { type: ["string", "null"] } },
    },
    license: { type: "object", required: ["key", "spdx_id"], properties: { key: { type: "string" }, spdx_id: { type: ["string", "null"] }, url: { type: ["string", "null"], format: "uri" } } },
    milestone: {
      type: "object",
      required: ["number", "title", "creator", "state", "due_on"],
      properties: {
        number: { type: "integer" },
        title: { type: "string" },
        creator: { $ref: ref("user") },
        state: { type: "string", enum: ["open", "closed"] },
        due_on: { type: ["string", "null"], format: "date-time" },
      },
    },
    reactions: { type: "object", required: ["total_count"], properties: { total_count: { type: "integer", minimum: 0 }, "+1": { type: "integer" }, "-1": { type: "integer" } } },
    repository: {
      type: "object",
      required: ["id", "name", "full_name", "owner", "private", "license", "created_at", "topics"],
      properties: {
        id: { type: "integer" },
        name: { type: "string" },
        full_name: { type: "string" },
        owner: { $ref: ref("user") },
        private: { type: "boolean" },
        description: { type: ["string", "null"] },
        license: nullable({ $ref: ref("license") }),
        // A push payload writes this as a number: two types, which the spec cannot express.
        created_at: { oneOf: [{ type: "integer" }, { type: "string", format: "date-time" }] },
        pushed_at: { type: ["string", "integer", "null"] },
        topics: { type: "array", items: { type: "string" } },
        custom_properties: { type: "object", additionalProperties: true },
        labels_url: { type: "string", format: "uri-template" },
      },
    },
    issue: {
      type: "object",
      required: ["id", "number", "title", "user", "labels", "state", "assignee", "milestone", "closed_at", "body", "reactions", "level"],
      properties: {
        id: { type: "integer" },
        number: { type: "integer" },
        title: { type: "string" },
        user: { $ref: ref("user") },
        labels: { type: "array", items: { $ref: ref("label") } },
        state: { type: "string", enum: ["open", "closed"] },
        state_reason: { type: ["string", "null"], enum: ["completed", "not_planned", "reopened", null] },
        assignee: nullable({ $ref: ref("user") }),
        milestone: nullable({ $ref: ref("milestone") }),
        closed_at: { type: ["string", "null"], format: "date-time" },
        body: { type: ["string", "null"] },
        reactions: { allOf: [{ $ref: ref("reactions") }, { type: "object", properties: { url: { type: "string", format: "uri" } } }] },
        level: { $ref: ref("level0") },
        metadata: { type: "object", patternProperties: { "^x-": { type: "string" } } },
      },
      additionalProperties: false,
    },
    installation: { type: "object", required: ["id"], properties: { id: { type: "integer" }, node_id: { type: "string" } } },
  };
  // Six levels of shared definitions, each nullable somewhere.
  for (let level = 0; level < 6; level++) {
    const next = level < 5 ? { $ref: ref(`level${level + 1}`) } : { type: "integer" };
    defs[`level${level}`] = {
      type: "object",
      required: ["depth", "next"],
      properties: { depth: { type: "integer", const: level }, note: { type: ["string", "null"] }, next: level < 5 ? nullable(next) : next, tags: { type: "array", items: { type: ["string", "null"] } } },
    };
  }
  return defs;
}

function variant(event: string, action: string | undefined, ref: (name: string) => string): Schema {
  const subject = event === "issues" ? "issue" : event === "pull_request" ? "issue" : "repository";
  return {
    $id: action === undefined ? event : `${event}$${action}`,
    title: `${event}${action === undefined ? "" : ` ${action}`} event`,
    description: `Activity on ${event.replace(/_/g, " ")}${action === undefined ? "" : `: ${action}`}.`,
    type: "object",
    required: [...(action === undefined ? [] : ["action"]), subject, "repository", "sender"],
    properties: {
      ...(action === undefined ? {} : { action: { type: "string", enum: [action] } }),
      [subject]: { $ref: ref(subject) },
      repository: { $ref: ref("repository") },
      sender: { $ref: ref("user") },
      installation: { $ref: ref("installation") },
      ...(action === "edited" ? { changes: { type: "object", properties: { title: { type: "object", required: ["from"], properties: { from: { type: "string" } } } } } } : {}),
      ...(action === "transferred" ? { new_owner: { oneOf: [{ $ref: ref("user") }, { type: "string" }] } } : {}),
    },
    additionalProperties: false,
  };
}

// Example payloads, filled the way real ones are: nulls where allowed, numbers as numbers.
const user = (id: number) => ({ login: `user${id}`, id, node_id: `U_${id}`, avatar_url: `https://avatars.example.com/u/${id}`, name: id % 2 === 0 ? null : `User ${id}`, email: null, type: "User", site_admin: false });
const level = (depth: number): unknown => ({ depth, note: depth % 2 === 0 ? null : `level ${depth}`, next: depth < 5 ? (depth === 3 ? null : level(depth + 1)) : 42, tags: ["a", null] });
const repository = (id: number, createdAsNumber: boolean) => ({
  id,
  name: `repo${id}`,
  full_name: `org/repo${id}`,
  owner: user(1),
  private: false,
  description: null,
  license: id % 3 === 0 ? null : { key: "mit", spdx_id: "MIT", url: null },
  created_at: createdAsNumber ? 1700000000 : "2024-01-02T03:04:05Z",
  pushed_at: 1700000000,
  topics: [],
  custom_properties: { team: "core" },
  labels_url: `https://api.example.com/repos/org/repo${id}/labels{/name}`,
  stargazers: 12,
});
const issue = (id: number) => ({
  id,
  number: id,
  title: `Issue ${id}`,
  user: user(2),
  labels: [{ id: 1, name: "bug", color: "d73a4a", default: true, description: null }],
  state: "open",
  state_reason: null,
  assignee: id % 2 === 0 ? null : user(3),
  milestone: id % 2 === 0 ? { number: 1, title: "v1", creator: user(4), state: "open", due_on: null } : null,
  closed_at: null,
  body: null,
  reactions: { total_count: 0, "+1": 0, "-1": 0, url: "https://api.example.com/r" },
  level: level(0),
  metadata: { "x-one": "1" },
});

export function examplePayload(event: string, action: string | undefined, id: number): Record<string, unknown> {
  const subject = event === "issues" || event === "pull_request" ? "issue" : "repository";
  return {
    ...(action === undefined ? {} : { action }),
    ...(subject === "issue" ? { issue: issue(id) } : {}),
    repository: repository(id, id % 4 === 1),
    sender: user(id),
    ...(id % 2 === 0 ? { installation: { id: 7, node_id: "I_7" } } : {}),
    ...(action === "edited" ? { changes: { title: { from: "Old" } } } : {}),
    ...(action === "transferred" ? { new_owner: id % 2 === 0 ? "someone" : user(9) } : {}),
  };
}

/** The examples folder: `<event>/<action>.payload.json`, plus deliberate mistakes. */
export async function writeExamples(directory: string): Promise<{ valid: number; widened: string[]; invalid: string[]; unmatched: string[] }> {
  let valid = 0;
  const names = eventNames();
  for (const [index, event] of names.entries()) {
    await mkdir(path.join(directory, event), { recursive: true });
    const actions = hasActions(event, index) ? ACTIONS : [undefined];
    for (const [actionIndex, action] of actions.entries()) {
      for (const variantIndex of [0, 1]) {
        const id = index * 10 + actionIndex * 2 + variantIndex + 1;
        await writeFile(path.join(directory, event, `${action ?? "event"}.${variantIndex === 0 ? "payload" : "with-installation.payload"}.json`), `${JSON.stringify(examplePayload(event, action, id), null, 2)}\n`);
        valid++;
      }
    }
  }
  // A label color that breaks the pattern (the pattern is relaxed, and that is reported), and a
  // title that is a number (rejected, and reported).
  const badColor = examplePayload("issues", "created", 500) as { issue: { labels: { color: string }[] } };
  badColor.issue.labels[0]!.color = "red";
  await writeFile(path.join(directory, "issues", "created.bad-color.payload.json"), JSON.stringify(badColor, null, 2));
  const badTitle = examplePayload("issues", "edited", 501) as { issue: { title: unknown } };
  badTitle.issue.title = 12;
  await writeFile(path.join(directory, "issues", "edited.bad-title.payload.json"), JSON.stringify(badTitle, null, 2));
  // An action the schema does not know, and an event it does not know.
  await writeFile(path.join(directory, "issues", "pinned.payload.json"), JSON.stringify(examplePayload("issues", "pinned", 502), null, 2));
  await mkdir(path.join(directory, "sponsorship"), { recursive: true });
  await writeFile(path.join(directory, "sponsorship", "created.payload.json"), JSON.stringify({ action: "created" }, null, 2));
  return { valid, widened: ["issues/created.bad-color.payload.json"], invalid: ["issues/edited.bad-title.payload.json"], unmatched: ["issues/pinned.payload.json", "sponsorship/created.payload.json"] };
}

/** One file: a `oneOf` of events (each a `oneOf` of its actions), definitions under `definitions`. */
export async function writeSingleFileSchema(file: string): Promise<void> {
  const ref = (name: string) => `#/definitions/${name}`;
  const defs: Record<string, Schema> = definitions(ref);
  const top: Schema[] = [];
  for (const [index, event] of eventNames().entries()) {
    if (hasActions(event, index)) {
      for (const action of ACTIONS) defs[`${event}$${action}`] = variant(event, action, ref);
      defs[`${event}_event`] = { oneOf: ACTIONS.map((action) => ({ $ref: ref(`${event}$${action}`) })) };
    } else defs[`${event}_event`] = variant(event, undefined, ref);
    top.push({ $ref: ref(`${event}_event`) });
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", title: "Webhooks", oneOf: top, definitions: defs }, null, 2)}\n`);
}

/** A folder: `common/<name>.schema.json` and `<event>/<action>.schema.json`, with relative `$ref`s. */
export async function writeSchemaFolder(directory: string): Promise<void> {
  await mkdir(path.join(directory, "common"), { recursive: true });
  const commonRef = (name: string) => `${name}.schema.json`;
  for (const [name, schema] of Object.entries(definitions(commonRef))) {
    await writeFile(path.join(directory, "common", `${name}.schema.json`), `${JSON.stringify({ $id: `common/${name}.schema.json`, ...schema }, null, 2)}\n`);
  }
  const eventRef = (name: string) => `common/${name}.schema.json`;
  for (const [index, event] of eventNames().entries()) {
    await mkdir(path.join(directory, event), { recursive: true });
    const actions = hasActions(event, index) ? ACTIONS : [undefined];
    for (const action of actions) {
      await writeFile(path.join(directory, event, `${action ?? "event"}.schema.json`), `${JSON.stringify(variant(event, action, eventRef), null, 2)}\n`);
    }
  }
}
