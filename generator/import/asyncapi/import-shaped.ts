import type { ShapeKind } from "../../model/shape.js";
import { code, type Finding } from "../findings.js";
import { follow, isMapValue, type AsyncApiDocument, type JsonMap } from "./asyncapi-document.js";
import { pinnedString, type ShapeChoice } from "./detect-shape.js";
import { messageEventHeader } from "./message-event.js";
import type { FoundMessage } from "./asyncapi-messages.js";
import { convertField, fieldsOf, mergeAllOf, type ConvertContext, type SpecMap } from "./schema-to-spec.js";

/** A message whose payload schema was found: the schema (references followed, `allOf` merged) and its headers'. */
export interface ResolvedMessage {
  message: FoundMessage;
  payload: JsonMap;
  payloadPointer: string;
  /** The shared schemas the payload extends (`allOf: [{ $ref }]`), in order. */
  bases: string[];
  properties: JsonMap;
  required: Set<string>;
  headers: JsonMap;
  headersPointer: string;
}

export interface ImportedExample {
  summary?: string;
  payload: JsonMap;
  pointer: string;
  knownInvalid?: string;
}

/** One spec event: a plain event, or (with `actions`) a family whose actions are the events. */
export interface ShapedEvent {
  key: string;
  wireName: string;
  group: FoundMessage["group"];
  spec: SpecMap;
  examples: ImportedExample[];
  actions?: { key: string; modelName: string; spec: SpecMap; examples: ImportedExample[] }[];
}

/** The members each shape builds in, which the envelope's `fields` must not declare again. */
const BUILT_IN: Record<Exclude<ShapeKind, "metadata-body">, string[]> = {
  cloudevents: ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data", "data_base64"],
  eventbridge: ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"],
  flat: [],
  external: [],
};

const DEFAULT_DESCRIPTION: Record<Exclude<ShapeKind, "metadata-body">, string> = {
  cloudevents: "CloudEvents 1.0 events in structured JSON mode.",
  eventbridge: "Events on an Amazon EventBridge bus.",
  flat: "Each event is one flat JSON object; a top-level member names it.",
  external: "Each event is its payload; the name travels outside it.",
};

interface Props {
  document: AsyncApiDocument;
  messages: readonly ResolvedMessage[];
  choice: ShapeChoice;
  findings: Finding[];
  context: (subject: string) => ConvertContext;
  examplesOf: (message: FoundMessage, payload: JsonMap, subject: string) => ImportedExample[];
}

/**
 * Messages of a document whose shape is not `{metadata, body}`: the envelope's members (the shape's
 * own, then those every message shares), each message's payload as its event's body, and
 * messages that share a name but pin a member to different values (`action`) as one event with actions.
 */
export function importShaped(props: Props): { envelope: SpecMap; events: ShapedEvent[] } {
  const { document, messages, choice, findings, context } = props;
  const shape = choice.shape as Exclude<ShapeKind, "metadata-body">;
  const report = (rule: Finding["rule"], severity: Finding["severity"], pointer: string, subject: string, text: string) => findings.push({ rule, severity, file: document.file, pointer, offset: document.offsetOf(pointer), subject, message: text });
  const members = envelopeMembers(document, messages, choice);
  const excluded = new Set([...BUILT_IN[shape], ...(choice.discriminator ? [choice.discriminator] : []), ...members.keys()]);

  const envelopeFields: SpecMap = {};
  for (const [key, member] of members) {
    const field = convertField(member.schema, member.pointer, context("envelope"));
    Object.defineProperty(envelopeFields, key, { value: { ...field, ...(member.required ? {} : { required: false }) }, enumerable: true, writable: true, configurable: true });
  }
  const shared = sharedEnvelope(document, messages);
  const binary = choice.nameHeader !== undefined && /^ce[-_]type$/i.test(choice.nameHeader);
  const description = shared && typeof shared.schema.description === "string" && shared.schema.description.trim() !== "" ? shared.schema.description : binary ? "CloudEvents in binary mode: the context attributes travel as `ce-*` headers, the payload is the event data." : DEFAULT_DESCRIPTION[shape];

  const plain: (ShapedEvent & { resolved: ResolvedMessage; pinned: Map<string, string> })[] = [];
  for (const resolved of messages) {
    const { message } = resolved;
    const value = message.value;
    const named = wireNameOf(resolved, choice);
    const wireName = named ?? (typeof value.name === "string" && value.name.trim() !== "" ? value.name : message.key);
    if (named === undefined && shape !== "external") report("import/review", "guess", resolved.payloadPointer, message.key, `The payload of ${code(message.key)} does not pin the member that names ${shape} events; the event is named ${code(wireName)} after its message.`);
    const validKey = (text: unknown): text is string => typeof text === "string" && /^[a-z][a-z0-9_]*$/.test(text);
    const key = validKey(message.key) ? message.key : validKey(value.name) ? value.name : snakeCase(message.key);

    const body = bodySchema(document, resolved, shape, excluded, findings, context(key));
    const header = messageEventHeader({ message: value, payload: resolved.payload, key, wireName });
    if (!header.definition) report("import/review", "guess", message.pointer, key, `Message ${code(message.key)} has no summary, title or payload description: its definition says so; write one.`);
    const spec: SpecMap = {
      ...header.spec,
      ...(body.schema.additionalProperties === false ? { strict: true } : {}),
      body: fieldsOf(body.schema, body.pointer, context(key)),
    };
    const pinned = new Map<string, string>();
    for (const [member, schema] of Object.entries(isMapValue(body.schema.properties) ? body.schema.properties : {})) {
      const pin = pinnedString(schema);
      if (pin !== undefined && resolved.required.has(member)) pinned.set(member, pin);
    }
    plain.push({ key, wireName, group: message.group, spec, examples: props.examplesOf(message, resolved.payload, message.key), resolved, pinned });
  }

  const { events, actionField } = withActions(plain, report);
  for (const event of events) {
    const message = messages.find((candidate) => candidate.message.key !== event.key && snakeCase(candidate.message.key) === event.key && candidate.message.value.name !== event.key)?.message;
    if (message && !event.actions) report("import/renamed-event", "guess", message.pointer, event.key, `The message ${code(message.key)} became the event ${code(event.key)}: spec event keys are lower-case words joined by \`_\`.`);
  }
  const envelope: SpecMap = {
    shape,
    ...(choice.contentModes ? { contentModes: choice.contentModes } : {}),
    ...(choice.nameFrom && !(choice.nameHeader && choice.nameFrom === `the ${choice.nameHeader} header`) ? { nameFrom: choice.nameFrom } : {}),
    ...(choice.nameHeader ? { nameHeader: choice.nameHeader } : {}),
    description,
    ...(shape === "flat" && choice.discriminator !== "type" ? { discriminator: choice.discriminator } : {}),
    ...(actionField ? { actions: { field: actionField } } : {}),
    ...(Object.keys(envelopeFields).length > 0 ? { fields: envelopeFields } : {}),
  };
  return { envelope, events };
}

/** The event name a message carries where the shape says: a pinned member, or the name header. */
function wireNameOf(resolved: ResolvedMessage, choice: ShapeChoice): string | undefined {
  switch (choice.shape) {
    case "cloudevents":
      return pinnedString(resolved.properties.type);
    case "eventbridge":
      return pinnedString(resolved.properties["detail-type"]);
    case "flat":
      return pinnedString(resolved.properties[choice.discriminator!]);
    default:
      return choice.nameHeader ? pinnedString(resolved.headers[choice.nameHeader]) : undefined;
  }
}

/** The payload part that is the event's body: `data`, `detail`, or the payload without the envelope's members. */
function bodySchema(document: AsyncApiDocument, resolved: ResolvedMessage, shape: ShapeKind, excluded: ReadonlySet<string>, findings: Finding[], context: ConvertContext): { schema: JsonMap; pointer: string } {
  const inner = shape === "cloudevents" ? "data" : shape === "eventbridge" ? "detail" : undefined;
  if (inner !== undefined) {
    if (shape === "cloudevents" && Object.hasOwn(resolved.properties, "data_base64")) {
      const pointer = `${resolved.payloadPointer}/properties/data_base64`;
      findings.push({ rule: "import/not-expressible", severity: "warning", file: document.file, pointer, offset: document.offsetOf(pointer), subject: context.subject, message: "`data_base64` (binary data in structured mode) is not expressible; the spec describes JSON `data` only, so it was left out." });
    }
    const followed = follow(document, resolved.properties[inner], `${resolved.payloadPointer}/properties/${inner}`, findings);
    const value = isMapValue(followed.value) && Array.isArray(followed.value.allOf) ? mergeAllOf(followed.value, followed.pointer, context, () => undefined) : followed.value;
    return { schema: isMapValue(value) ? value : {}, pointer: followed.pointer };
  }
  const properties = Object.fromEntries(Object.entries(resolved.properties).filter(([key]) => !excluded.has(key)));
  return { schema: { ...resolved.payload, properties, required: [...resolved.required].filter((key) => !excluded.has(key)) }, pointer: resolved.payloadPointer };
}

/**
 * The envelope's own members: those of a shared `envelope` schema when the document has one (as
 * eventspec's export writes), else, for CloudEvents and EventBridge, every member beside the
 * shape's own, and for flat and external payloads, the members every message declares alike.
 */
function envelopeMembers(document: AsyncApiDocument, messages: readonly ResolvedMessage[], choice: ShapeChoice): Map<string, { schema: JsonMap; pointer: string; required: boolean }> {
  const shape = choice.shape as Exclude<ShapeKind, "metadata-body">;
  const builtIn = new Set([...BUILT_IN[shape], ...(choice.discriminator ? [choice.discriminator] : [])]);
  const members = new Map<string, { schema: JsonMap; pointer: string; required: boolean }>();
  const shared = sharedEnvelope(document, messages);
  if (shared) {
    const required = new Set(Array.isArray(shared.schema.required) ? shared.schema.required : []);
    for (const [key, schema] of Object.entries(shared.schema.properties as JsonMap)) {
      if (!builtIn.has(key) && isMapValue(schema)) members.set(key, { schema, pointer: `${shared.pointer}/properties/${escape(key)}`, required: required.has(key) });
    }
    return members;
  }
  if (shape === "cloudevents" || shape === "eventbridge") {
    for (const message of messages) {
      for (const [key, schema] of Object.entries(message.properties)) {
        if (builtIn.has(key) || members.has(key) || !isMapValue(schema)) continue;
        members.set(key, { schema, pointer: `${message.payloadPointer}/properties/${escape(key)}`, required: messages.every((other) => other.required.has(key)) });
      }
    }
    return members;
  }
  if (messages.length < 2) return members;
  const [first, ...rest] = messages;
  for (const [key, schema] of Object.entries(first!.properties)) {
    if (builtIn.has(key) || !isMapValue(schema)) continue;
    const alike = rest.every((message) => JSON.stringify(message.properties[key]) === JSON.stringify(schema) && message.required.has(key) === first!.required.has(key));
    if (alike) members.set(key, { schema, pointer: `${first!.payloadPointer}/properties/${escape(key)}`, required: first!.required.has(key) });
  }
  return members;
}

/**
 * The schema every payload shares: the one all of them extend (`allOf: [{ $ref: Base }, …]`), else
 * a shared schema named `envelope` (as eventspec's export writes) whose members every payload has.
 */
function sharedEnvelope(document: AsyncApiDocument, messages: readonly ResolvedMessage[]): { schema: JsonMap; pointer: string } | undefined {
  const base = messages[0]?.bases.find((reference) => reference.startsWith("#/") && messages.every((message) => message.bases.includes(reference)));
  if (base) {
    const target = follow(document, { $ref: base }, "", []);
    if (isMapValue(target.value) && isMapValue(target.value.properties)) return { schema: target.value, pointer: target.pointer };
  }
  const schemas = isMapValue(document.root.components) && isMapValue(document.root.components.schemas) ? document.root.components.schemas : {};
  const envelope = schemas.envelope;
  if (isMapValue(envelope) && isMapValue(envelope.properties) && Object.keys(envelope.properties).every((key) => messages.every((message) => Object.hasOwn(message.properties, key)))) {
    return { schema: envelope, pointer: "/components/schemas/envelope" };
  }
  return undefined;
}

/**
 * Messages that carry the same event name and each pin one member (`action`) to a different value
 * are the actions of one event: the fields they share become its body, the rest each action's own.
 */
function withActions(
  events: (ShapedEvent & { resolved: ResolvedMessage; pinned: Map<string, string> })[],
  report: (rule: Finding["rule"], severity: Finding["severity"], pointer: string, subject: string, text: string) => void,
): { events: ShapedEvent[]; actionField?: string } {
  const byName = new Map<string, typeof events>();
  for (const event of events) byName.set(event.wireName, [...(byName.get(event.wireName) ?? []), event]);
  let actionField: string | undefined;
  const result: ShapedEvent[] = [];
  for (const [wireName, list] of byName) {
    if (list.length === 1) {
      const { resolved: _resolved, pinned: _pinned, ...event } = list[0]!;
      result.push(event);
      continue;
    }
    const candidates = [...list[0]!.pinned.keys()].sort((a, b) => (a === "action" ? -1 : b === "action" ? 1 : 0));
    const field = candidates.find((member) => (actionField === undefined || actionField === member) && list.every((event) => event.pinned.has(member)) && new Set(list.map((event) => event.pinned.get(member))).size === list.length && list.every((event) => /^[a-z0-9][a-z0-9_-]*$/.test(event.pinned.get(member)!)));
    if (!field) {
      // No member tells them apart: each message stays an event of its own, named by its message.
      for (const event of list.slice(1)) {
        const renamed = event.resolved.message.value.name;
        report("import/duplicate-event", "warning", event.resolved.message.pointer, event.key, `${list.length} messages carry the event name ${code(wireName)} and no pinned member tells them apart; ${code(event.key)} is named ${code(typeof renamed === "string" ? renamed : event.key)} after its message.`);
      }
      list.forEach((event, index) => {
        const { resolved, pinned: _pinned, ...rest } = event;
        const name = index === 0 ? wireName : typeof resolved.message.value.name === "string" && resolved.message.value.name !== wireName ? resolved.message.value.name : `${wireName}_${rest.key}`;
        const { eventName: _eventName, ...spec } = rest.spec;
        result.push({ ...rest, wireName: name, spec: name === rest.key ? spec : { eventName: name, ...spec } });
      });
      continue;
    }
    actionField = field;
    const bodies = list.map((event) => event.spec.body as SpecMap);
    const common = Object.keys(bodies[0]!).filter((member) => member !== field && bodies.every((body) => Object.hasOwn(body, member) && JSON.stringify(body[member]) === JSON.stringify(bodies[0]![member])));
    const key = /^[a-z][a-z0-9_]*$/.test(wireName) ? wireName : snakeCase(wireName);
    const familyBody: SpecMap = Object.fromEntries(common.map((member) => [member, bodies[0]![member]]));
    const first = list[0]!;
    result.push({
      key,
      wireName,
      group: first.group,
      spec: { ...(wireName === key ? {} : { eventName: wireName }), definition: `The ${wireName} event; each action below says what happened.`, ...(Object.keys(familyBody).length > 0 ? { body: familyBody } : {}) },
      examples: [],
      actions: list.map((event) => {
        const action = event.pinned.get(field)!;
        const { eventName: _eventName, body, ...rest } = event.spec;
        const own = Object.fromEntries(Object.entries(body as SpecMap).filter(([member]) => member !== field && !common.includes(member)));
        return { key: action, modelName: `${key}.${action}`, spec: { ...rest, ...(Object.keys(own).length > 0 ? { body: own } : {}) }, examples: event.examples };
      }),
    });
    // `action` is the convention (webhooks, eventspec's own export); another member is worth a look.
    if (field !== "action") report("import/review", "guess", first.resolved.message.pointer, key, `${list.length} messages carry the event name ${code(wireName)} and pin ${code(field)} to ${list.map((event) => code(event.pinned.get(field)!)).join(", ")}: they became the actions of one event.`);
  }
  return { events: result, ...(actionField ? { actionField } : {}) };
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function snakeCase(text: string): string {
  const snake = text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(snake) ? snake : `event_${snake}`;
}
