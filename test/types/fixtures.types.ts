// Type-level tests of generated/fixtures.ts: compiled (never run) by typecheck.test.ts. Each
// `@ts-expect-error` must still be an error, or the compile fails.
import { conversationCreatedExample0, EXAMPLES, makeConversationCreated, makeConversationMessageCreated, type DeepPartial } from "../../generated/fixtures.js";
import type { ConversationCreatedEvent, ConversationMessageCreatedEvent } from "../../generated/index.js";

// A factory returns the event type; deep-partial overrides reach nested fields.
export const created: ConversationCreatedEvent = makeConversationCreated({ body: { conversation_id: "42" } });
export const masqueraded: ConversationCreatedEvent = makeConversationCreated({ metadata: { real_user_id: "7", user_sis_id: null } });
export const withoutSis: ConversationCreatedEvent = makeConversationCreated({ metadata: { user_sis_id: undefined } });
export const message: ConversationMessageCreatedEvent = makeConversationMessageCreated();

// @ts-expect-error Canvas ids are strings: a number is a bad override.
makeConversationCreated({ body: { conversation_id: 42 } });

// @ts-expect-error A field the event does not have.
makeConversationCreated({ body: { conversation: "42" } });

// @ts-expect-error Another event's name.
makeConversationCreated({ metadata: { event_name: "conversation_forwarded" } });

// @ts-expect-error user_id may be absent but not null.
makeConversationCreated({ metadata: { user_id: null } });

// @ts-expect-error An override is a partial event, not a whole other one.
makeConversationCreated({ body: "42" });

// Fixtures are deeply read-only.
// @ts-expect-error
conversationCreatedExample0.body.conversation_id = "1";
// @ts-expect-error
conversationCreatedExample0.metadata.event_name = "conversation_created";

// By event key and index, typed as the event.
export const first: DeepPartial<ConversationCreatedEvent> = EXAMPLES.conversation_created[0];
// @ts-expect-error The index is checked against the examples there are.
export const missing = EXAMPLES.conversation_created[5].body;
