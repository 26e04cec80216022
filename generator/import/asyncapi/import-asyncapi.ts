import { validateExample } from "../../check/check-examples.js";
import { compareText } from "../../diagnostics/diagnostic.js";
import { FIXED_EXPORTS } from "../../emit/type-names.js";
import { kebabCase, pascalCaseFromSnake } from "../../model/names.js";
import { checkWrittenSpec } from "../check-written-spec.js";
import { code, sortFindings, type Finding } from "../findings.js";
import { render as renderYaml, type SpecText } from "../write-spec-yaml.js";
import { follow, isMapValue, pointerOf, readAsyncApiDocument, type AsyncApiDocument, type Json, type JsonMap } from "./asyncapi-document.js";
import { listMessages, type FoundMessage } from "./asyncapi-messages.js";
import { renderAsyncApiReport } from "./asyncapi-report.js";
import { binaryTwins, chooseShape, payloadStructure, type ShapeChoice } from "./detect-shape.js";
import { importShaped, snakeCase, type ImportedExample, type ResolvedMessage, type ShapedEvent } from "./import-shaped.js";
import { messageEventHeader } from "./message-event.js";
import { fieldsOf, mergeAllOf, type ConvertContext, type SpecMap } from "./schema-to-spec.js";

export const ASYNCAPI_REPORT_FILE = "import-report.md";
const CATALOG_FILE = "catalog.yaml";

export interface AsyncApiImportResult {
  files: SpecText[];
  findings: Finding[];
  events: number;
  text: string;
}

type ImportedEvent = ShapedEvent;

/**
 * `eventspec import asyncapi`: every message whose payload is a `{metadata, body}` event becomes
 * an event (channels become groups, shared schemas named types, message examples spec examples);
 * what the spec format cannot express is listed with its JSON pointer; each example is judged
 * by `checkSpec` and marked `knownInvalid` with the reason when it fails.
 */
export function importAsyncApi(props: { file: string; text: string; schemaPath: string }): AsyncApiImportResult {
  const read = readAsyncApiDocument(props.file, props.text);
  const findings = [...read.findings];
  const document = read.document;
  if (!document) return { files: [], findings, events: 0, text: props.text };
  const namedTypes: ConvertContext["namedTypes"] = new Map();
  const messages = listMessages(document, findings);
  const reserved = reservedNames(messages);
  const context = (subject: string): ConvertContext => ({ document, findings, subject, namedTypes, reserved });

  const found = messages.map((message) => resolveMessage(document, message, findings, context)).filter((item): item is ResolvedMessage => item !== undefined);
  const evidence = new Map(found.map((item) => [item, { key: item.message.key, structure: payloadStructure(item.properties), properties: item.properties, required: item.required, headers: item.headers }]));
  const twins = binaryTwins([...evidence.values()]);
  let resolved = found.filter((item) => !twins.has(evidence.get(item)!));
  if (resolved.length === 0) {
    findings.push({ rule: "import/no-event", severity: "error", file: document.file, pointer: "", message: "No message has a JSON Schema payload, so there is nothing to import; see the findings for each message." });
    return { files: [], findings: sortFindings(findings), events: 0, text: props.text };
  }
  let choice: ShapeChoice = chooseShape(resolved.map((item) => evidence.get(item)!));
  if (twins.size > 0 && choice.shape === "cloudevents") {
    const named = [...twins].slice(0, 5).map((twin) => code(twin.key)).join(", ");
    choice = { ...choice, contentModes: ["structured", "binary"], evidence: `${choice.evidence} ${twins.size} more ${twins.size === 1 ? "message is" : "messages are"} the same events in binary mode (${named}${twins.size > 5 ? ", …" : ""}: a \`ce-type\` header pinned to a structured message's \`type\`, \`data\` as the payload), so the catalog says \`contentModes: [structured, binary]\`.` };
  } else if (twins.size > 0) {
    // Not a CloudEvents catalog after all: every message counts.
    resolved = found;
    choice = chooseShape(found.map((item) => evidence.get(item)!));
  }
  if (choice.mixed) findings.push({ rule: "import/envelope-shape", severity: "warning", file: document.file, pointer: "", message: `${choice.evidence} Review the events of the other structures.` });
  reportHeaders(document, resolved, choice, findings);

  const events: ImportedEvent[] = [];
  let envelope: { spec: SpecMap; discriminator?: string } | undefined;
  if (choice.shape === "metadata-body") {
    for (const message of messages) {
      const imported = importMessage(document, message, findings, context, envelope as { spec: SpecMap; discriminator: string } | undefined);
      if (!imported) continue;
      envelope ??= imported.envelope;
      events.push(imported.event);
    }
  } else {
    const shaped = importShaped({ document, messages: resolved, choice, findings, context, examplesOf: (message, payload, subject) => examplesOf(document, message, payload, findings, subject) });
    envelope = { spec: shaped.envelope };
    events.push(...shaped.events);
  }
  // Every event needs an example, and a name once.
  const kept: ImportedEvent[] = [];
  for (const event of events) {
    const pointer = messages.find((message) => message.key === event.key)?.pointer ?? "";
    if (kept.some((other) => other.key === event.key)) {
      findings.push({ rule: "import/duplicate-event", severity: "error", file: document.file, pointer, offset: document.offsetOf(pointer), subject: event.key, message: `A second message named ${code(event.key)}: it was left out.` });
      continue;
    }
    const missing = event.actions ? event.actions.filter((action) => action.examples.length === 0).map((action) => action.key) : event.examples.length === 0 ? [event.key] : [];
    if (missing.length > 0) {
      findings.push({ rule: "import/no-example", severity: "error", file: document.file, pointer, offset: document.offsetOf(pointer), subject: event.key, message: `${missing.map(code).join(", ")} ${missing.length === 1 ? "has" : "have"} no example, and \`generate\` needs at least one per event: add one to the message's \`examples\` and import again. The event was left out.` });
      continue;
    }
    kept.push(event);
  }
  events.splice(0, events.length, ...kept);
  if (!envelope || events.length === 0) {
    findings.push({ rule: "import/no-event", severity: "error", file: document.file, pointer: "", message: "No message could become an event; see the findings for each message." });
    return { files: [], findings: sortFindings(findings), events: 0, text: props.text };
  }

  const render = () => renderSpec(document, envelope!, events, namedTypes, props.schemaPath);
  // Judge every example with generate's own checks; mark each failing one with the reason.
  const checked = checkWrittenSpec(render());
  if (checked.catalog) {
    for (const modelEvent of checked.catalog.events) {
      const event = events.find((candidate) => candidate.key === modelEvent.name);
      const examples = event?.examples ?? events.flatMap((candidate) => candidate.actions ?? []).find((action) => action.modelName === modelEvent.name)?.examples;
      if (!examples) continue;
      const subject = modelEvent.name;
      examples.forEach((example) => {
        const errors = validateExample(checked.catalog!, modelEvent, example.payload);
        if (errors.length === 0) return;
        example.knownInvalid = errors.slice(0, 4).map((error) => error.message).join("; ") + (errors.length > 4 ? `; and ${errors.length - 4} more` : "");
        for (const error of errors) {
          const pointer = `${example.pointer}${error.path}`;
          findings.push({ rule: "import/invalid-example", severity: "warning", file: document.file, pointer, offset: document.offsetOf(pointer), subject, message: `An example of ${code(subject)} does not satisfy the imported spec (${code(error.message)}); it is marked \`knownInvalid\`.` });
        }
      });
    }
  }
  const files = render();
  const final = checkWrittenSpec(files);
  for (const diagnostic of final.diagnostics.filter((candidate) => candidate.severity === "error")) {
    findings.push({ rule: "import/internal", severity: "error", file: diagnostic.file.replace(/^[^/]+\//, ""), pointer: "", message: `${diagnostic.message} (${diagnostic.rule} at line ${diagnostic.line}); this is a bug in the importer.` });
  }
  const sorted = sortFindings(findings);
  const report = renderAsyncApiReport({ document, choice, events: events.flatMap((event) =>
      event.actions
        ? event.actions.map((action) => ({ key: action.modelName, wireName: `${event.wireName} + ${action.key}`, file: event.group.file, knownInvalid: action.examples.filter((example) => example.knownInvalid).length }))
        : [{ key: event.key, wireName: event.wireName, file: event.group.file, knownInvalid: event.examples.filter((example) => example.knownInvalid).length }],
    ), findings: sorted });
  return { files: [...files, { path: ASYNCAPI_REPORT_FILE, text: report }].sort((a, b) => compareText(a.path, b.path)), findings: sorted, events: events.length, text: props.text };
}

/**
 * A message's payload schema, found: references followed, a multi-format schema object opened,
 * `allOf` merged; with its headers' schema. A message in another schema format, or without a
 * payload, is reported and skipped.
 */
function resolveMessage(document: AsyncApiDocument, message: FoundMessage, findings: Finding[], context: (subject: string) => ConvertContext): ResolvedMessage | undefined {
  const { value } = message;
  const report = (severity: Finding["severity"], pointer: string, text: string) => findings.push({ rule: "import/not-expressible", severity, file: document.file, pointer, offset: document.offsetOf(pointer), subject: message.key, message: text });
  if (typeof value.schemaFormat === "string" && !/json|asyncapi/i.test(value.schemaFormat)) {
    report("error", `${message.pointer}/schemaFormat`, `The payload is written in ${code(value.schemaFormat)}, not JSON Schema: the message was left out.`);
    return undefined;
  }
  if (value.payload === undefined) {
    report("warning", message.pointer, `Message ${code(message.key)} has no payload schema, so it is not an event.`);
    return undefined;
  }
  const open = (schema: Json | undefined, pointer: string): { schema: JsonMap; pointer: string; bases: string[] } => {
    const followed = follow(document, schema, pointer, []);
    let found = followed.value;
    let where = followed.pointer;
    // AsyncAPI 3 multi-format schema object: `{ schemaFormat, schema }`.
    if (isMapValue(found) && isMapValue(found.schema) && typeof found.schemaFormat === "string") {
      const inner = follow(document, found.schema, `${where}/schema`, []);
      [found, where] = [inner.value, inner.pointer];
    }
    const bases = isMapValue(found) && Array.isArray(found.allOf) ? found.allOf.flatMap((branch) => (isMapValue(branch) && typeof branch.$ref === "string" ? [branch.$ref] : [])) : [];
    if (isMapValue(found) && Array.isArray(found.allOf)) found = mergeAllOf(found, where, context(message.key), () => undefined);
    return { schema: isMapValue(found) ? found : {}, pointer: where, bases };
  };
  const payload = open(value.payload, `${message.pointer}/payload`);
  const kind = payload.schema.type;
  if (kind !== undefined && kind !== "object" && !(Array.isArray(kind) && kind.includes("object"))) {
    report("error", `${payload.pointer}/type`, `The payload of ${code(message.key)} is ${code(JSON.stringify(kind))}, not an object: an event is a JSON object, so the message was left out.`);
    return undefined;
  }
  const headers = value.headers === undefined ? undefined : open(value.headers, `${message.pointer}/headers`);
  const properties = isMapValue(payload.schema.properties) ? payload.schema.properties : {};
  return {
    message,
    payload: payload.schema,
    payloadPointer: payload.pointer,
    bases: payload.bases,
    properties,
    required: new Set(Array.isArray(payload.schema.required) ? payload.schema.required.filter((key): key is string => typeof key === "string") : []),
    headers: headers && isMapValue(headers.schema.properties) ? headers.schema.properties : {},
    headersPointer: headers?.pointer ?? `${message.pointer}/headers`,
  };
}

/** Headers the spec does not carry (all but the one naming the event) are reported, once per message. */
function reportHeaders(document: AsyncApiDocument, messages: readonly ResolvedMessage[], choice: ShapeChoice, findings: Finding[]): void {
  for (const message of messages) {
    if (message.message.value.headers === undefined) continue;
    const others = Object.keys(message.headers).filter((header) => header !== choice.nameHeader);
    if (others.length === 0 && Object.keys(message.headers).length > 0) continue;
    const pointer = `${message.message.pointer}/headers`;
    const binary = others.some((header) => /^ce[-_]/i.test(header));
    findings.push({
      rule: "import/headers",
      severity: "warning",
      file: document.file,
      pointer,
      offset: document.offsetOf(pointer),
      subject: message.message.key,
      message: `Headers ${others.length > 0 ? others.map(code).join(", ") : "(none declared)"} travel beside the payload; the spec describes the payload${choice.nameHeader ? ` and the name header ${code(choice.nameHeader)}` : ""} only, so they were not imported${binary ? " (CloudEvents binary mode: the `ce-*` attributes are headers and the payload is `data`)" : ""}.`,
    });
  }
}

function importMessage(
  document: AsyncApiDocument,
  message: FoundMessage,
  findings: Finding[],
  context: (subject: string) => ConvertContext,
  knownEnvelope: { spec: SpecMap; discriminator: string } | undefined,
): { event: ImportedEvent; envelope: { spec: SpecMap; discriminator: string } } | undefined {
  const { value } = message;
  const subject = message.key;
  const report = (rule: Finding["rule"], severity: Finding["severity"], pointer: string, text: string) => findings.push({ rule, severity, file: document.file, pointer, offset: document.offsetOf(pointer), subject, message: text });
  if (typeof value.schemaFormat === "string" && !/json|asyncapi/i.test(value.schemaFormat)) {
    report("import/not-expressible", "error", `${message.pointer}/schemaFormat`, `The payload is written in ${code(value.schemaFormat)}, not JSON Schema: the message was left out.`);
    return undefined;
  }
  if (value.payload === undefined) {
    report("import/not-expressible", "warning", message.pointer, `Message ${code(message.key)} has no payload schema, so it is not an event.`);
    return undefined;
  }
  const payloadPointer = `${message.pointer}/payload`;
  const followed = follow(document, value.payload, payloadPointer, findings);
  let payload = followed.value;
  if (isMapValue(payload) && isMapValue(payload.schema) && typeof value.payload === "object" && value.payload !== null && "schemaFormat" in (value.payload as JsonMap)) payload = payload.schema; // AsyncAPI 3 multi-format schema object
  if (isMapValue(payload) && Array.isArray(payload.allOf)) payload = mergeAllOf(payload, followed.pointer, context(subject), () => undefined);
  const properties = isMapValue(payload) && isMapValue(payload.properties) ? payload.properties : undefined;
  // chooseShape gives metadata-body only when every payload has both members.
  if (!properties || !isMapValue(properties.metadata)) return undefined;

  // The envelope: eventspec's own `allOf: [envelope, {event name}]`, or the metadata schema with its one constant.
  const metadataPointer = `${followed.pointer}/properties/metadata`;
  const metadata = properties.metadata;
  let envelopeSchema: JsonMap | undefined;
  let envelopePointer = metadataPointer;
  let wireName: string | undefined;
  let discriminator: string | undefined;
  const branches = Array.isArray(metadata.allOf) ? metadata.allOf : [];
  for (const [index, branch] of branches.entries()) {
    if (isMapValue(branch) && typeof branch.$ref === "string") {
      const target = follow(document, branch, `${metadataPointer}/allOf/${index}`, findings);
      if (isMapValue(target.value)) [envelopeSchema, envelopePointer] = [target.value, target.pointer];
    } else if (isMapValue(branch) && isMapValue(branch.properties)) {
      for (const [key, property] of Object.entries(branch.properties)) if (isMapValue(property) && typeof property.const === "string") [discriminator, wireName] = [key, property.const];
    }
  }
  if (!envelopeSchema) {
    const resolved = follow(document, metadata, metadataPointer, findings);
    const merged = isMapValue(resolved.value) && Array.isArray(resolved.value.allOf) ? mergeAllOf(resolved.value, resolved.pointer, context("envelope"), () => undefined) : resolved.value;
    if (isMapValue(merged)) {
      envelopePointer = resolved.pointer;
      const metadataProperties = isMapValue(merged.properties) ? merged.properties : {};
      const named = Object.entries(metadataProperties).find(([, property]) => isMapValue(property) && typeof property.const === "string");
      if (named) {
        [discriminator, wireName] = [named[0], (named[1] as JsonMap).const as string];
        const { const: _const, ...rest } = named[1] as JsonMap;
        envelopeSchema = { ...merged, properties: { ...metadataProperties, [named[0]]: { type: "string", ...rest } } };
      } else envelopeSchema = merged;
    }
  }
  discriminator ??= knownEnvelope?.discriminator ?? "event_name";
  wireName ??= typeof value.name === "string" ? value.name : message.key;
  const envelope = knownEnvelope ?? { spec: { ...envelopeSpec(envelopeSchema ?? {}, envelopePointer, context("envelope")), discriminator }, discriminator };

  // The message's key when it is a spec key (eventspec's own export), else its name when that is one.
  const validKey = (text: unknown): text is string => typeof text === "string" && /^[a-z][a-z0-9_]*$/.test(text);
  const key = validKey(message.key) ? message.key : validKey(value.name) ? value.name : snakeCase(message.key);
  if (key !== message.key && key !== value.name) report("import/renamed-event", "guess", message.pointer, `The message ${code(message.key)} became the event ${code(key)}: spec event keys are lower-case words joined by \`_\`.`);
  const bodyFollowed = follow(document, properties.body, `${followed.pointer}/properties/body`, findings);
  const body = isMapValue(bodyFollowed.value) && Array.isArray(bodyFollowed.value.allOf) ? mergeAllOf(bodyFollowed.value, bodyFollowed.pointer, context(key), () => undefined) : (bodyFollowed.value as JsonMap);
  const header = messageEventHeader({ message: value, payload, key, wireName });
  if (!header.definition) report("import/review", "guess", message.pointer, `Message ${code(message.key)} has no summary, title or payload description: its definition says so; write one.`);
  const spec: SpecMap = {
    ...header.spec,
    ...(body.additionalProperties === false ? { strict: true } : {}),
    body: fieldsOf(body, bodyFollowed.pointer, context(key)),
  };
  const examples = examplesOf(document, message, payload, findings, subject);
  return { event: { key, wireName, group: message.group, spec, examples }, envelope };
}

function envelopeSpec(schema: JsonMap, pointer: string, context: ConvertContext): SpecMap {
  return {
    description: typeof schema.description === "string" ? schema.description : "The metadata every event carries.",
    ...(schema.additionalProperties === false ? { strict: true } : {}),
    fields: fieldsOf(schema, pointer, context),
  };
}

function examplesOf(document: AsyncApiDocument, message: FoundMessage, payload: Json | undefined, findings: Finding[], subject: string): ImportedEvent["examples"] {
  const result: ImportedEvent["examples"] = [];
  const list = Array.isArray(message.value.examples) ? message.value.examples : [];
  list.forEach((example, index) => {
    const pointer = `${message.pointer}/examples/${index}`;
    if (!isMapValue(example) || !isMapValue(example.payload)) {
      findings.push({ rule: "import/bad-structure", severity: "warning", file: document.file, pointer, offset: document.offsetOf(pointer), subject, message: "An example without an object `payload`: left out." });
      return;
    }
    const summary = typeof example.summary === "string" ? example.summary : typeof example.name === "string" ? example.name : undefined;
    result.push({ ...(summary === undefined ? {} : { summary }), payload: example.payload, pointer: `${pointer}/payload` });
  });
  // AsyncAPI 2 documents often keep examples in the payload schema instead.
  if (result.length === 0 && isMapValue(payload) && Array.isArray(payload.examples)) {
    payload.examples.forEach((example, index) => {
      if (isMapValue(example)) result.push({ payload: example, pointer: `${message.pointer}/payload/examples/${index}` });
    });
  }
  return result;
}

function renderSpec(document: AsyncApiDocument, envelope: { spec: SpecMap }, events: readonly ImportedEvent[], namedTypes: ConvertContext["namedTypes"], schemaPath: string): SpecText[] {
  const info = isMapValue(document.root.info) ? document.root.info : {};
  const title = typeof info.title === "string" && info.title.trim() !== "" ? info.title : "Imported catalog";
  const version = typeof info.version === "string" ? info.version : String(info.version ?? "1.0.0");
  const id = typeof info["x-eventspec-catalog-id"] === "string" ? info["x-eventspec-catalog-id"] : undefined;
  // Named types in the order the document declares them, as the exported catalog had them.
  const declared = Object.keys(isMapValue(document.root.components) && isMapValue(document.root.components.schemas) ? document.root.components.schemas : {}).map((name) => `/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  const types = [...namedTypes].sort(([a], [b]) => indexOr(declared, a) - indexOr(declared, b) || compareText(a, b));
  const catalog: SpecMap = {
    catalog: { name: title, ...(id && id !== kebabCase(title) ? { id } : {}), version, ...(typeof info.description === "string" ? { description: info.description } : {}) },
    ...(types.length > 0 ? { types: Object.fromEntries(types.map(([, type]) => [type.name, type.spec ?? { type: "string", description: "Unresolved." }])) } : {}),
    envelope: envelope.spec,
  };
  const files: SpecText[] = [{ path: CATALOG_FILE, text: yamlText(catalog, schemaPath) }];
  const byFile = new Map<string, ImportedEvent[]>();
  for (const event of events) byFile.set(event.group.file, [...(byFile.get(event.group.file) ?? []), event]);
  for (const [file, grouped] of [...byFile].sort(([a], [b]) => compareText(a, b))) {
    const group = grouped[0]!.group;
    const content: SpecMap = {
      group: { name: group.name, ...(group.description ? { description: group.description } : {}) },
      events: Object.fromEntries(
        grouped.map((event) => [
          event.key,
          event.actions
            ? { ...event.spec, actions: Object.fromEntries(event.actions.map((action) => [action.key, { ...action.spec, examples: examplesSpec(action.examples) }])) }
            : { ...event.spec, examples: examplesSpec(event.examples) },
        ]),
      ),
    };
    files.push({ path: file, text: yamlText(content, schemaPath) });
  }
  return files;
}

/** What the generated code names after each event, and its own exports: no named type may take them. */
function reservedNames(messages: readonly FoundMessage[]): Set<string> {
  const reserved = new Set<string>(FIXED_EXPORTS);
  for (const message of messages) {
    for (const name of [message.key, message.value.name]) {
      if (typeof name !== "string") continue;
      const identifier = pascalCaseFromSnake(snakeCase(name));
      for (const suffix of ["", "Body", "Event"]) reserved.add(`${identifier}${suffix}`);
    }
  }
  return reserved;
}

function examplesSpec(examples: readonly ImportedExample[]): SpecMap[] {
  return examples.map((example) => ({ ...(example.summary === undefined ? {} : { summary: example.summary }), ...(example.knownInvalid === undefined ? {} : { knownInvalid: example.knownInvalid }), payload: example.payload }));
}

function indexOr(list: readonly string[], item: string): number {
  const index = list.indexOf(item);
  return index < 0 ? list.length : index;
}

/** Written as the Canvas importer writes its specs. */
function yamlText(value: SpecMap, schemaPath: string): string {
  return renderYaml(value, schemaPath);
}


export { pointerOf };
