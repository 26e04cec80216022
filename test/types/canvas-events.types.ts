// Type-level tests: compiled (never run) by typecheck.test.ts. Each `@ts-expect-error` must
// still be an error, or the compile fails: a type that silently widened would show here.
import seedCreated from "../fixtures/seed-payloads/conversation_created.json" with { type: "json" };
import { parseEvent, routeEvent, type AnyEvent, type ConversationCreatedEvent, type ConversationMessageCreatedEvent, type EventMap, type EventName } from "../../generated/index.js";

const metadata = { event_name: "conversation_created", event_time: "2020-03-24T16:55:59.973Z" } as const;

export const valid: ConversationCreatedEvent = { metadata, body: { conversation_id: "123456789", updated_at: "2018-09-24T06:00:00Z" } };

// @ts-expect-error Canvas ids are strings, never numbers.
export const numericId: ConversationCreatedEvent = { metadata, body: { conversation_id: 123456789, updated_at: "2018-09-24T06:00:00Z" } };

// @ts-expect-error A required body field is missing.
export const missingField: ConversationCreatedEvent = { metadata, body: { conversation_id: "1" } };

// @ts-expect-error The event name must be this event's own.
export const wrongName: ConversationCreatedEvent = { metadata: { ...metadata, event_name: "conversation_forwarded" }, body: valid.body };

// @ts-expect-error Under exactOptionalPropertyTypes an optional field cannot be set to undefined.
export const undefinedOptional: ConversationCreatedEvent = { metadata: { ...metadata, user_id: undefined }, body: valid.body };

// Nullable and optional are separate: user_sis_id and referrer may be null (Canvas writes null
// for request fields it cannot fill), producer is optional but never null.
export const nullSis: ConversationCreatedEvent = { metadata: { ...metadata, user_sis_id: null, referrer: null }, body: valid.body };
// @ts-expect-error producer is optional but not nullable.
export const nullProducer: ConversationCreatedEvent = { metadata: { ...metadata, producer: null }, body: valid.body };

// A JSON import widens strings, so it is not an event until validated.
// @ts-expect-error event_name is `string` in JSON, not the literal.
export const unvalidated: ConversationCreatedEvent = seedCreated;

export function narrowsOnName(input: unknown): string {
  const result = parseEvent(input);
  if (!result.ok) return result.errors.map((error) => error.message).join("\n");
  switch (result.name) {
    case "conversation_message_created": {
      const message: ConversationMessageCreatedEvent = result.value;
      return message.body.author_id;
    }
    case "conversation_created":
      // @ts-expect-error conversation_created has no author_id.
      return result.value.body.author_id;
    case "conversation_forwarded":
      return result.value.body.updated_at;
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}

export function routesEveryEvent(input: unknown): string {
  return routeEvent(
    input,
    {
      conversation_created: (event) => event.body.conversation_id,
      conversation_forwarded: (event) => event.body.updated_at,
      conversation_message_created: (event) => event.body.message_id,
    },
    (errors) => `${errors.length} errors`,
  );
}

export function routeNeedsEveryHandler(input: unknown): string {
  return routeEvent(
    input,
    // @ts-expect-error A handler for conversation_message_created is missing.
    { conversation_created: () => "a", conversation_forwarded: () => "b" },
    () => "invalid",
  );
}

export const names: EventName[] = ["conversation_created", "conversation_forwarded", "conversation_message_created"];
// @ts-expect-error Not an event of the catalog.
export const unknownName: EventName = "conversation_deleted";

export type MapCoversUnion = EventMap[EventName] extends AnyEvent ? (AnyEvent extends EventMap[EventName] ? true : false) : false;
export const mapCoversUnion: MapCoversUnion = true;
