import { validateExample } from "../../check/check-examples.js";
import { compareText } from "../../diagnostics/diagnostic.js";
import { kebabCase } from "../../model/names.js";
import { checkWrittenSpec } from "../check-written-spec.js";
import { code, sortFindings, type Finding } from "../findings.js";
import { render as renderYaml, type SpecText } from "../write-spec-yaml.js";
import { follow, isMapValue, pointerOf, readAsyncApiDocument, type AsyncApiDocument, type Json, type JsonMap } from "./asyncapi-document.js";
import { listMessages, type FoundMessage } from "./asyncapi-messages.js";
import { renderAsyncApiReport } from "./asyncapi-report.js";
import { fieldsOf, mergeAllOf, type ConvertContext, type SpecMap } from "./schema-to-spec.js";

export const ASYNCAPI_REPORT_FILE = "import-report.md";
const CATALOG_FILE = "catalog.yaml";

export interface AsyncApiImportResult {
  files: SpecText[];
  findings: Finding[];
  events: number;
  text: string;
}

interface ImportedEvent {
  key: string;
  wireName: string;
  group: { name: string; description?: string; file: string };
  spec: SpecMap;
  examples: { summary?: string; payload: JsonMap; pointer: string; knownInvalid?: string }[];
}

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
  const context = (subject: string): ConvertContext => ({ document, findings, subject, namedTypes });

  const messages = listMessages(document, findings);
  const events: ImportedEvent[] = [];
  let envelope: { spec: SpecMap; discriminator: string } | undefined;
  for (const message of messages) {
    const imported = importMessage(document, message, findings, context, envelope);
    if (!imported) continue;
    envelope ??= imported.envelope;
    if (events.some((event) => event.key === imported.event.key)) {
      findings.push({ rule: "import/duplicate-event", severity: "error", file: document.file, pointer: message.pointer, offset: document.offsetOf(message.pointer), subject: imported.event.key, message: `A second message named ${code(imported.event.key)}: it was left out.` });
      continue;
    }
    events.push(imported.event);
  }
  if (!envelope || events.length === 0) {
    findings.push({ rule: "import/pending-envelope", severity: "error", file: document.file, pointer: "", message: "No message carries a `{metadata, body}` payload, so there is nothing to import yet; see the findings for each message." });
    return { files: [], findings: sortFindings(findings), events: 0, text: props.text };
  }

  const render = () => renderSpec(document, envelope!, events, namedTypes, props.schemaPath);
  // Judge every example with generate's own checks; mark each failing one with the reason.
  const checked = checkWrittenSpec(render());
  if (checked.catalog) {
    for (const modelEvent of checked.catalog.events) {
      const event = events.find((candidate) => candidate.key === modelEvent.name);
      if (!event) continue;
      event.examples.forEach((example) => {
        const errors = validateExample(checked.catalog!, modelEvent, example.payload);
        if (errors.length === 0) return;
        example.knownInvalid = errors.slice(0, 4).map((error) => error.message).join("; ") + (errors.length > 4 ? `; and ${errors.length - 4} more` : "");
        for (const error of errors) {
          const pointer = `${example.pointer}${error.path}`;
          findings.push({ rule: "import/invalid-example", severity: "warning", file: document.file, pointer, offset: document.offsetOf(pointer), subject: event.key, message: `An example of ${code(event.key)} does not satisfy the imported spec (${code(error.message)}); it is marked \`knownInvalid\`.` });
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
  const report = renderAsyncApiReport({ document, events: events.map((event) => ({ key: event.key, wireName: event.wireName, file: event.group.file, knownInvalid: event.examples.filter((example) => example.knownInvalid).length })), findings: sorted });
  return { files: [...files, { path: ASYNCAPI_REPORT_FILE, text: report }].sort((a, b) => compareText(a.path, b.path)), findings: sorted, events: events.length, text: props.text };
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
  if (!properties || !isMapValue(properties.metadata) || !isMapValue(properties.body) && !isMapValue(follow(document, properties.body, "", []).value)) {
    report(
      "import/pending-envelope",
      "error",
      payloadPointer,
      `The payload of ${code(message.key)} is not a \`{metadata, body}\` event. Importing it faithfully needs envelope shapes (the event name travelling outside the payload, \`shape: external\`), which eventspec does not have yet: the message was left out.`,
    );
    return undefined;
  }
  if (value.headers !== undefined) report("import/pending-envelope", "warning", `${message.pointer}/headers`, "Message headers are outside the payload: the spec format describes the payload only (envelope shapes will carry headers); they were not imported.");

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
  const definition = [value.summary, value.title, isMapValue(payload) ? payload.description : undefined].find((text): text is string => typeof text === "string" && text.trim() !== "");
  if (!definition) report("import/review", "guess", message.pointer, `Message ${code(message.key)} has no summary, title or payload description: its definition says so; write one.`);
  const deprecated = typeof value["x-eventspec-deprecated"] === "string" ? value["x-eventspec-deprecated"] : (isMapValue(payload) && payload.deprecated === true) || value.deprecated === true ? true : undefined;
  const spec: SpecMap = {
    ...(wireName === key ? {} : { eventName: wireName }),
    definition: definition ?? "No summary in the AsyncAPI document.",
    ...(typeof value.description === "string" && value.description.trim() !== "" ? { trigger: value.description } : {}),
    ...(typeof value["x-eventspec-description"] === "string" ? { description: value["x-eventspec-description"] } : {}),
    ...(deprecated === undefined ? {} : { deprecated }),
    ...(body.additionalProperties === false ? { strict: true } : {}),
    body: fieldsOf(body, bodyFollowed.pointer, context(key)),
  };
  const examples = examplesOf(document, message, payload, findings, subject);
  if (examples.length === 0) {
    report("import/no-example", "error", message.pointer, `Message ${code(message.key)} has no example, and \`generate\` needs at least one per event: add one to the message's \`examples\` and import again. The event was left out.`);
    return undefined;
  }
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
          { ...event.spec, examples: event.examples.map((example) => ({ ...(example.summary === undefined ? {} : { summary: example.summary }), ...(example.knownInvalid === undefined ? {} : { knownInvalid: example.knownInvalid }), payload: example.payload })) },
        ]),
      ),
    };
    files.push({ path: file, text: yamlText(content, schemaPath) });
  }
  return files;
}

function indexOr(list: readonly string[], item: string): number {
  const index = list.indexOf(item);
  return index < 0 ? list.length : index;
}

/** Written as the Canvas importer writes its specs. */
function yamlText(value: SpecMap, schemaPath: string): string {
  return renderYaml(value, schemaPath);
}

function snakeCase(text: string): string {
  const snake = text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(snake) ? snake : `event_${snake}`;
}

export { pointerOf };
