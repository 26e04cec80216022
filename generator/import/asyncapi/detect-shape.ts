import type { ShapeKind } from "../../model/shape.js";
import { code } from "../findings.js";
import { isMapValue, type Json, type JsonMap } from "./asyncapi-document.js";

/** How one message's payload is built, read from its schema. */
export type PayloadStructure = "metadata-body" | "cloudevents" | "eventbridge" | "plain";

/** What the shape decision needs of one message: its payload's properties and its headers'. */
export interface MessageEvidence {
  key: string;
  structure: PayloadStructure;
  properties: JsonMap;
  required: ReadonlySet<string>;
  headers: JsonMap;
}

/** The envelope shape chosen for the whole document, with the evidence in words for the report. */
export interface ShapeChoice {
  shape: ShapeKind;
  /** flat: the top-level member naming the event. */
  discriminator?: string;
  /** external: the header naming the event, when the document declares one. */
  nameHeader?: string;
  /** external: where the name travels, in words for the docs. */
  nameFrom?: string;
  /** Why this shape: one sentence of evidence. */
  evidence: string;
  /** Set when the messages' payloads are built in different ways: which is which. */
  mixed?: string;
  /** cloudevents: the content modes the document shows (binary-mode twins of structured messages). */
  contentModes?: ("structured" | "binary")[];
}

/**
 * CloudEvents messages in binary mode beside their structured form: a plain payload whose
 * `ce-type` header is pinned to the `type` a structured message pins. They describe the same
 * events, so they are not events of their own.
 */
export function binaryTwins(messages: readonly MessageEvidence[]): Set<MessageEvidence> {
  const structured = new Set(messages.filter((message) => message.structure === "cloudevents").map((message) => pinnedString(message.properties.type)).filter((name) => name !== undefined));
  const twins = new Set<MessageEvidence>();
  for (const message of messages) {
    if (message.structure !== "plain") continue;
    const header = Object.keys(message.headers).find((name) => /^ce[-_]type$/i.test(name));
    const name = header === undefined ? undefined : pinnedString(message.headers[header]);
    if (name !== undefined && structured.has(name)) twins.add(message);
  }
  return twins;
}

const CLOUDEVENTS_REQUIRED = ["specversion", "id", "source", "type"];

/** A payload's structure, from the members its schema declares. */
export function payloadStructure(properties: JsonMap): PayloadStructure {
  const has = (key: string) => Object.hasOwn(properties, key);
  if (has("metadata") && has("body")) return "metadata-body";
  if (CLOUDEVENTS_REQUIRED.every(has)) return "cloudevents";
  if (has("detail-type") && has("detail")) return "eventbridge";
  return "plain";
}

/** The one string a schema pins (`const`, or an `enum` of one string), if any. */
export function pinnedString(schema: Json | undefined): string | undefined {
  if (!isMapValue(schema)) return undefined;
  if (typeof schema.const === "string") return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === "string") return schema.enum[0];
  return undefined;
}

/** Header names that carry an event name by convention, for documents that declare the header without pinning it. */
const NAME_HEADERS = /^(x-github-event|x-gitlab-event|x-hub-event|x-event-type|x-event-name|x-event-key|ce-type|ce_type|event-type|eventtype)$/i;

const STRUCTURE_WORDS: Record<PayloadStructure, string> = {
  "metadata-body": "`{metadata, body}`",
  cloudevents: "CloudEvents (`specversion`, `id`, `source`, `type`)",
  eventbridge: "EventBridge (`detail-type`, `detail`)",
  plain: "the event itself",
};

/**
 * Chooses the envelope shape from what every message shows. All payloads built alike give that
 * shape; plain payloads that all pin one top-level member to a different string give `flat`;
 * anything else is `external`, named by a header every message pins (`X-GitHub-Event`, `ce-type`),
 * by a conventional name header, or else by the message's name.
 */
export function chooseShape(messages: readonly MessageEvidence[]): ShapeChoice {
  const structures = new Set(messages.map((message) => message.structure));
  const count = messages.length;
  const all = count === 1 ? "The one message" : `All ${count} messages`;
  const mixed = structures.size > 1 ? mixedSentence(messages) : undefined;
  if (structures.size === 1 && !structures.has("plain")) {
    const [structure] = structures;
    return { shape: structure as ShapeKind, evidence: `${all} have payloads of the ${STRUCTURE_WORDS[structure!]} shape.` };
  }
  if (structures.size === 1) {
    const discriminator = flatDiscriminator(messages);
    if (discriminator) {
      return { shape: "flat", discriminator, evidence: `${all} pin the top-level member ${code(discriminator)} to ${count === 1 ? "a constant" : "a different constant each"} (${messages.map((message) => code(pinnedString(message.properties[discriminator])!)).join(", ")}), so it names the event.` };
    }
  }
  const reason = mixed ? `${mixed} One catalog has one shape, so every payload is imported as it is, as the \`external\` shape.` : `${all} have payloads that are the event itself, with no member that names the event in each.`;
  const pinned = pinnedHeader(messages);
  if (pinned) return { shape: "external", nameHeader: pinned, nameFrom: `the ${pinned} header`, evidence: `${reason} Each message pins the header ${code(pinned)} to its event name.`, ...(mixed ? { mixed } : {}) };
  const conventional = Object.keys(messages[0]?.headers ?? {}).find((header) => NAME_HEADERS.test(header) && messages.every((message) => Object.hasOwn(message.headers, header)));
  if (conventional) {
    return { shape: "external", nameHeader: conventional, nameFrom: `the ${conventional} header`, evidence: `${reason} Every message declares the header ${code(conventional)}, which by convention names the event; the names are the messages' names.`, ...(mixed ? { mixed } : {}) };
  }
  return { shape: "external", nameFrom: "the message name in the AsyncAPI document (its channel or topic)", evidence: `${reason} No header names the event, so each event is named by its message.`, ...(mixed ? { mixed } : {}) };
}

function mixedSentence(messages: readonly MessageEvidence[]): string {
  const by = new Map<PayloadStructure, string[]>();
  for (const message of messages) by.set(message.structure, [...(by.get(message.structure) ?? []), message.key]);
  const parts = [...by].map(([structure, keys]) => `${keys.length} ${keys.length === 1 ? "payload is" : "payloads are"} ${STRUCTURE_WORDS[structure]} (${keys.slice(0, 5).map(code).join(", ")}${keys.length > 5 ? ", …" : ""})`);
  return `The messages disagree: ${parts.join("; ")}.`;
}

/** A top-level member every payload requires and pins to a string, different in each. */
function flatDiscriminator(messages: readonly MessageEvidence[]): string | undefined {
  const first = messages[0];
  if (!first) return undefined;
  const preferred = ["type", "event", "event_type", "eventType", "event_name", "eventName", "name", "kind"];
  const candidates = Object.keys(first.properties).sort((a, b) => rank(preferred, a) - rank(preferred, b));
  return candidates.find((key) => {
    // One message is thin evidence: any constant member would do, so only a conventional name member counts.
    if (messages.length === 1 && !preferred.includes(key)) return false;
    const values = messages.map((message) => pinnedString(message.properties[key]));
    return values.every((value) => value !== undefined) && messages.every((message) => message.required.has(key)) && new Set(values).size === messages.length;
  });
}

function rank(list: readonly string[], item: string): number {
  const index = list.indexOf(item);
  return index < 0 ? list.length : index;
}

/**
 * A header every message declares and pins to a string (`X-GitHub-Event: { const: issues }`): the
 * one whose values tell the most messages apart (`ce-specversion` pins `1.0` everywhere and names
 * nothing), a conventional name header first among equals.
 */
function pinnedHeader(messages: readonly MessageEvidence[]): string | undefined {
  const first = messages[0];
  if (!first) return undefined;
  const candidates = Object.keys(first.headers)
    .filter((header) => messages.every((message) => pinnedString(message.headers[header]) !== undefined))
    .map((header) => ({ header, distinct: new Set(messages.map((message) => pinnedString(message.headers[header]))).size, conventional: NAME_HEADERS.test(header) ? 1 : 0 }));
  candidates.sort((a, b) => b.distinct - a.distinct || b.conventional - a.conventional);
  const best = candidates[0];
  // One value across several messages names nothing, unless the header is a name header by convention (actions share one name).
  return best && (best.distinct > 1 || messages.length === 1 || best.conventional === 1) ? best.header : undefined;
}
