// The peers our validators are measured against, built from the same spec: Ajv 8 compiled from
// our exported JSON Schema (with ajv-formats, or with a bare date-time regex), and a Zod 4
// schema written by hand for the Conversation events.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv2020, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import { z } from "zod";
import type { ConversationEventName } from "./payloads.js";

const require = createRequire(import.meta.url);
const addFormats = require("ajv-formats") as (ajv: Ajv2020) => Ajv2020;

const SCHEMA_DIR = path.join(import.meta.dirname, "..", "generated", "schema");

export function exportedSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${name}.schema.json`), "utf8")) as Record<string, unknown>;
}

/**
 * The date-time regex a speed-minded Ajv user would register: syntax only, so `2020-02-30`
 * passes. Shown for reference; our validators reject impossible dates.
 */
export const BARE_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export type AjvVariant = "formats" | "bare-date-time";

/** One Ajv instance per variant and mode (schemas carry `$id`s, which an instance holds once). */
export function ajvValidator(name: ConversationEventName, variant: AjvVariant, allErrors: boolean): ValidateFunction {
  const options: Options = { allErrors, ownProperties: true, strict: true, strictTypes: false };
  const ajv = new Ajv2020(options);
  addFormats(ajv);
  if (variant === "bare-date-time") ajv.addFormat("date-time", BARE_DATE_TIME);
  return ajv.compile(exportedSchema(name));
}

// The same regular expressions our runtime uses, so Zod checks what we check where it has no
// built-in of the same meaning.
const CANVAS_ID = /^[0-9]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/;
const TIME_ZONE = /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)*$/;

/** A Zod 4 schema of one Conversation event, as a Zod user would write it. */
export function zodSchema(name: ConversationEventName) {
  const canvasId = z.string().regex(CANVAS_ID);
  // Zod's ISO date-time checks the calendar in its regular expression.
  const timestamp = z.iso.datetime({ offset: true });
  const metadata = z.object({
    root_account_uuid: z.string().optional(),
    root_account_id: canvasId.optional(),
    root_account_lti_guid: z.string().optional(),
    user_account_id: canvasId.optional(),
    user_agent: z.string().optional(),
    user_id: canvasId.optional(),
    real_user_id: canvasId.optional(),
    user_login: z.string().optional(),
    user_sis_id: z.string().nullable().optional(),
    time_zone: z.string().max(64).regex(TIME_ZONE).optional(),
    context_type: z.string().optional(),
    context_id: canvasId.optional(),
    context_sis_source_id: z.string().nullable().optional(),
    context_account_id: canvasId.optional(),
    context_role: z.string().optional(),
    request_id: z.string().regex(UUID).optional(),
    session_id: z.string().optional(),
    hostname: z.string().optional(),
    http_method: z.string().optional(),
    client_ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    url: z.string().regex(URI).optional(),
    referrer: z.string().regex(URI).optional(),
    developer_key_id: canvasId.optional(),
    job_id: canvasId.optional(),
    job_tag: z.string().optional(),
    producer: z.string().optional(),
    event_name: z.literal(name),
    event_time: timestamp,
  });
  const body =
    name === "conversation_message_created"
      ? z.object({ author_id: canvasId, conversation_id: canvasId, created_at: timestamp, message_id: canvasId })
      : z.object({ conversation_id: canvasId, updated_at: timestamp });
  return z.object({ metadata, body });
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/**
 * What a person would write by hand, typia-style, for conversation_message_created with the same
 * checks as ours (the exact date-time check is our runtime's; IPv6 is left out, the seed's client
 * is IPv4): straight-line property reads, `typeof`, regular-expression literals. A reference for
 * how fast this machine runs such code at all.
 */
export function handWrittenGuard(isDateTime: (text: string) => boolean): (input: unknown) => boolean {
  const optionalString = (value: unknown) => value === undefined || typeof value === "string";
  const optionalId = (value: unknown) => value === undefined || (typeof value === "string" && CANVAS_ID.test(value));
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
    const m = (input as { metadata?: unknown }).metadata as Record<string, unknown> | undefined;
    const b = (input as { body?: unknown }).body as Record<string, unknown> | undefined;
    if (typeof m !== "object" || m === null || Array.isArray(m) || typeof b !== "object" || b === null || Array.isArray(b)) return false;
    return (
      m.event_name === "conversation_message_created" &&
      typeof m.event_time === "string" && isDateTime(m.event_time) &&
      optionalString(m.root_account_uuid) && optionalId(m.root_account_id) && optionalString(m.root_account_lti_guid) && optionalId(m.user_account_id) &&
      optionalString(m.user_agent) && optionalId(m.user_id) && optionalId(m.real_user_id) && optionalString(m.user_login) &&
      (m.user_sis_id === null || optionalString(m.user_sis_id)) &&
      (m.time_zone === undefined || (typeof m.time_zone === "string" && m.time_zone.length <= 64 && TIME_ZONE.test(m.time_zone))) &&
      optionalString(m.context_type) && optionalId(m.context_id) && (m.context_sis_source_id === null || optionalString(m.context_sis_source_id)) &&
      optionalId(m.context_account_id) && optionalString(m.context_role) &&
      (m.request_id === undefined || (typeof m.request_id === "string" && UUID.test(m.request_id))) &&
      optionalString(m.session_id) && optionalString(m.hostname) && optionalString(m.http_method) &&
      (m.client_ip === undefined || (typeof m.client_ip === "string" && IPV4.test(m.client_ip))) &&
      (m.url === undefined || (typeof m.url === "string" && URI.test(m.url))) &&
      (m.referrer === undefined || (typeof m.referrer === "string" && URI.test(m.referrer))) &&
      optionalId(m.developer_key_id) && optionalId(m.job_id) && optionalString(m.job_tag) && optionalString(m.producer) &&
      typeof b.author_id === "string" && CANVAS_ID.test(b.author_id) &&
      typeof b.conversation_id === "string" && CANVAS_ID.test(b.conversation_id) &&
      typeof b.created_at === "string" && isDateTime(b.created_at) &&
      typeof b.message_id === "string" && CANVAS_ID.test(b.message_id)
    );
  };
}
