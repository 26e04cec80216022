import type { EmitContext } from "../kinds/context.js";
import { collectOf, shapeOf, stringsOf } from "../kinds/index.js";
import { readField } from "../kinds/object.js";
import type { Catalog, EventDefinition } from "../model/ir.js";
import { CLOUDEVENTS_ATTRIBUTE_NAME, messageType, payloadKey, payloadPointer, topLevelNameField } from "../model/shape.js";
import { Code, code, identifier, joinCode, literal } from "./code.js";
import { eventWrappers } from "./emit-validators.js";
import { typeNames } from "./type-names.js";

/** Expected words for a CloudEvents attribute name (CloudEvents 1.0 §3.1.1). */
const ATTRIBUTE_NAME_EXPECTED = "a CloudEvents attribute name: lower-case letters a-z and digits 0-9 only";

/** What the shared module declares for shapes other than metadata-body, besides `validateEvent` and its errors. */
export const SHAPE_SHARED_FUNCTIONS = ["ATTRIBUTE_NAME", "attributeNamesValid", "collectAttributeNames"];

/**
 * The shared module's functions for shapes other than metadata-body: the wrappers every event
 * shares and, for CloudEvents, the attribute-name check every event's guard and collector call.
 */
export function shapeSharedFunctions(catalog: Catalog, _context: EmitContext): Code {
  const attributeNames =
    catalog.envelope.shape === "cloudevents"
      ? code`const ATTRIBUTE_NAME = new RegExp(${literal(CLOUDEVENTS_ATTRIBUTE_NAME)});

/** Every member of a CloudEvent is an attribute (lower-case letters and digits), \`data\` or \`data_base64\`. */
export function attributeNamesValid(input: unknown): boolean {
  for (const key in input as Record<string, unknown>) {
    if (!ATTRIBUTE_NAME.test(key) && key !== "data_base64" && Object.prototype.hasOwnProperty.call(input, key)) return false;
  }
  return true;
}

/** Reports every member of a CloudEvent whose name is not an attribute name. */
export function collectAttributeNames(input: unknown, errors: ValidationError[]): void {
  if (!isRecord(input)) return;
  for (const key in input) {
    if (!ATTRIBUTE_NAME.test(key) && key !== "data_base64" && Object.prototype.hasOwnProperty.call(input, key)) pushError(errors, "/" + pointerSegment(key), "propertyNames", ${literal(ATTRIBUTE_NAME_EXPECTED)}, key);
  }
}

`
      : code``;
  return code`${attributeNames}${eventWrappers()}`;
}

/**
 * One event's guard, collector and \`validate…\` for shapes other than metadata-body, built from
 * the event's whole message type (shape.ts), so they agree with its JSON Schema and examples.
 */
export function shapeEventFunctions(catalog: Catalog, event: EventDefinition, context: EmitContext): Code {
  const id = event.identifier;
  const eventType = identifier(typeNames.event(event));
  const guard = identifier(typeNames.guard(event));
  const collector = identifier(`collect${id}`);
  const input = identifier("input");
  const message = messageType(catalog, event);
  const cloudevents = catalog.envelope.shape === "cloudevents";
  const checks = [shapeOf(message, input, context, `${id}Event`), stringsOf(message, input, context, `${id}Event`), cloudevents ? code`attributeNamesValid(input)` : undefined].filter(
    (check): check is Code => check !== undefined,
  );
  const wire = new Code(event.wireName.replace(/[`\\]/g, ""));
  return code`/** Reports every problem with \`input\` as a \`${wire}\` event; runs only after the guard said no. */
function ${collector}(${input}: unknown, errors: ValidationError[]): void {
  ${collectOf(message, input, literal(""), context, `${id}Event`)}${cloudevents ? code`\n  collectAttributeNames(input, errors);` : code``}
}

/** Whether \`input\` is a valid \`${wire}\` event: allocates nothing, reads every field at most twice, never throws. */
export function ${guard}(${input}: unknown): input is ${eventType} {
  try {
    return ${joinCode(checks, " && ")};
  } catch {
    return false;
  }
}

/** Validates a \`${wire}\` event and reports every problem with its JSON pointer. Never throws. */
export function ${identifier(typeNames.validate(event))}(${input}: unknown): ValidationResult<${eventType}> {
  return validateEvent(input, ${guard}, ${collector}) as ValidationResult<${eventType}>;
}
`;
}

/** How `validators.ts` finds an event's name: the parts of `parseEvent` and its kin that depend on the shape. */
export interface NameRouting {
  /** `name: string, ` for the external shape, whose name is an argument; empty otherwise. */
  nameParam: Code;
  nameArg: Code;
  /** Declarations beside `EVENTS` (the events with actions). */
  declarations: Code;
  /** Where the name is found, for `parseEvent`'s comment. */
  findsBy: Code;
  /** The body of `eventNameOf`. */
  eventNameOf: Code;
  /** The body of `unknownEventErrors`, after `const errors` and before its return. */
  unknownEventErrors: Code;
}

/** The name routing of shapes other than metadata-body: a top-level member, or the caller's argument; refined by an action. */
export function shapeNameRouting(catalog: Catalog): NameRouting {
  const { shape, actions } = catalog.envelope;
  const external = shape === "external";
  const nameField = topLevelNameField(catalog) ?? "";
  const families = familiesOf(catalog.events);
  const shown = (list: string[]) => list.slice(0, 5).join(", ") + (list.length > 5 ? ", …" : "");
  const baseNames = [...new Set(catalog.events.map((event) => event.family?.wireName ?? event.wireName))];
  const unknownExpected = baseNames.length === 0 ? "no event (the catalog is empty)" : `one of the ${baseNames.length} event names (${shown(baseNames)})`;
  const payload = (input: Code): Code => {
    const key = payloadKey(shape);
    return key === undefined ? input : code`(isRecord(${input}) ? ${input}[${literal(key)}] : undefined)`;
  };
  const actionPointer = actions ? `${payloadPointer(shape)}/${actions.field}` : "";
  const readName = external ? code`  const base: unknown = name;\n` : code`  if (!isRecord(input)) return undefined;\n  const base = ${readField(identifier("input"), nameField)};\n`;
  const refine = actions
    ? code`  if (typeof base !== "string" || !ACTIONS.has(base)) return base;
  const payload = ${payload(identifier("input"))};
  const action = isRecord(payload) ? ${readField(identifier("payload"), actions.field)} : undefined;
  return typeof action === "string" ? base + ${literal(actions.separator)} + action : base;
`
    : code`  return base;\n`;
  const familyErrors = actions
    ? code`  const family = typeof base === "string" ? ACTIONS.get(base) : undefined;
  if (family !== undefined) {
    const payload = ${payload(identifier("input"))};
    const action = isRecord(payload) ? ${readField(identifier("payload"), actions.field)} : undefined;
    pushError(errors, ${literal(actionPointer)}, action === undefined ? "required" : "enum", "one of the actions of " + base + " (" + family.join(", ") + ")", action);
    return errors;
  }
`
    : code``;
  const unknownName = external
    ? code`  pushError(errors, "", "enum", ${literal(unknownExpected)}, base);
  errors[0]!.message = "(event name): expected " + ${literal(unknownExpected)} + ", received " + errors[0]!.received;
`
    : code`  pushError(errors, ${literal(`/${nameField}`)}, base === undefined ? "required" : "enum", ${literal(unknownExpected)}, base);
`;
  const readBase = external
    ? code`  const base: unknown = name;\n`
    : code`  if (!isRecord(input)) {
    pushError(errors, "", "type", "object", input);
    return errors;
  }
  const base = ${readField(identifier("input"), nameField)};
  if (base !== undefined && typeof base !== "string") {
    pushError(errors, ${literal(`/${nameField}`)}, "type", "string", base);
    return errors;
  }
`;
  const declarations = actions
    ? code`
/** Events with actions, by name: their payload's ${new Code(actions.field.replace(/[^A-Za-z0-9_]/g, ""))} field completes the name. */
const ACTIONS = new Map<string, readonly string[]>([
${joinCode([...families].map(([base, list]) => code`  [${literal(base)}, ${literal(list)}],\n`), "")}]);`
    : code``;
  return {
    nameParam: external ? code`name: string, ` : code``,
    nameArg: external ? code`name, ` : code``,
    declarations,
    findsBy: new Code(
      (external ? "the name given" : `\`${nameField.replace(/[^A-Za-z0-9_-]/g, "")}\``) + (actions ? ` and the payload's \`${actions.field.replace(/[^A-Za-z0-9_-]/g, "")}\`` : ""),
    ),
    eventNameOf: code`${readName}${refine}`,
    unknownEventErrors: code`${readBase}${familyErrors}${unknownName}`,
  };
}

/** Each event with actions: its wire name and the values of its action field, in spec order. */
function familiesOf(events: readonly EventDefinition[]): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const event of events) {
    if (!event.family) continue;
    const list = families.get(event.family.wireName) ?? [];
    list.push(event.family.action);
    families.set(event.family.wireName, list);
  }
  return families;
}
