import { readFileSync } from "node:fs";
import path from "node:path";

const SEED = path.join(import.meta.dirname, "..", "test", "fixtures", "seed-payloads");

export const CONVERSATION_EVENTS = ["conversation_created", "conversation_forwarded", "conversation_message_created"] as const;
export type ConversationEventName = (typeof CONVERSATION_EVENTS)[number];

type Json = Record<string, Record<string, unknown>>;

/** The seed's payload of one Conversation event, as JSON text. */
export function seedText(name: ConversationEventName): string {
  return readFileSync(path.join(SEED, `${name}.json`), "utf8");
}

/**
 * The seed payload with `errors` (0, 1 or 3) realistic mistakes, each one a separate error for
 * every validator: an id sent as a number, an impossible calendar date, and null where the
 * field is not nullable.
 */
export function payloadText(name: ConversationEventName, errors: 0 | 1 | 3): string {
  const payload = JSON.parse(seedText(name)) as Json;
  const idKey = name === "conversation_message_created" ? "message_id" : "conversation_id";
  const timeKey = name === "conversation_message_created" ? "created_at" : "updated_at";
  if (errors >= 1) payload.body![idKey] = Number(payload.body![idKey]);
  if (errors >= 3) {
    payload.body![timeKey] = "2020-02-30T21:42:37Z";
    payload.metadata!.user_id = null;
  }
  return JSON.stringify(payload);
}

/** `count` separately parsed copies of the text (a power of two), as a consumer would hold them. */
export function copies(text: string, count = 16): unknown[] {
  return Array.from({ length: count }, () => JSON.parse(text) as unknown);
}
