import type { EventDefinition } from "../model/ir.js";

/**
 * Every exported name the generated code declares, in one place, so the checker can refuse specs
 * whose names would collide with them.
 */
export const typeNames = {
  metadata: "EventMetadata",
  /** The envelope of shapes other than metadata-body. */
  envelope: "EventEnvelope",
  anyEvent: "AnyEvent",
  eventMap: "EventMap",
  eventName: "EventName",
  body: (event: Pick<EventDefinition, "identifier">) => `${event.identifier}Body`,
  event: (event: Pick<EventDefinition, "identifier">) => `${event.identifier}Event`,
  guard: (event: Pick<EventDefinition, "identifier">) => `is${event.identifier}`,
  validate: (event: Pick<EventDefinition, "identifier">) => `validate${event.identifier}`,
} as const;

/** Names the validators and runtime modules export; a named type may not take any of them. */
export const FIXED_EXPORTS = [
  "EventMetadata",
  "EventEnvelope",
  "AnyEvent",
  "EventMap",
  "EventName",
  "EVENT_NAMES",
  "ParseResult",
  "ParsedEvent",
  "EventHandlers",
  "parseEvent",
  "parseEventJson",
  "isEvent",
  "isEventName",
  "routeEvent",
  "ValidationError",
  "ValidationResult",
  "timestampToEpochMilliseconds",
  "timestampToDate",
] as const;
