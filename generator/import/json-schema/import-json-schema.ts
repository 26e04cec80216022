import path from "node:path";
import { Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { validateExample } from "../../check/check-examples.js";
import { RESERVED_TYPE_NAMES } from "../../check/check-model.js";
import { compareText } from "../../diagnostics/diagnostic.js";
import { FIXED_EXPORTS } from "../../emit/type-names.js";
import { checkWrittenSpec, IN_MEMORY_FOLDER } from "../check-written-spec.js";
import type { ParseMemo } from "../../load/parse-spec-files.js";
import { code, sortFindings, type Finding } from "../findings.js";
import { nodeAt, toPlain, type JsonNode } from "../json-source.js";
import { jsonNode, render, type SpecText } from "../write-spec-yaml.js";
import { convertSchema, isMap, objectFields, type ConvertContext, type Json, type SpecNode } from "./convert-schema.js";
import { findEvents, type EventVariant } from "./find-events.js";
import { readJsonInput, schemaResolver, type JsonFile } from "./read-input.js";
import { renderJsonSchemaReport, type ExampleVerdict } from "./write-json-schema-report.js";
import { widenForExample } from "./widen-by-examples.js";
import type { EventDefinition } from "../../model/ir.js";
import type { ValidationError } from "../../runtime/runtime.js";

export const JSON_SCHEMA_REPORT = "import-report.md";
const EVENT_KEY = /^[a-z][a-z0-9_]*$/;
const WIRE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/ -]*$/;
const ACTION_KEY = /^[a-z0-9][a-z0-9_-]*$/;

export interface JsonSchemaImportOptions {
  schemaPath: string;
  examplesPath: string | undefined;
  /** What each spec file's `$schema` comment points at. */
  specSchemaPath: string;
  /** The payload field that refines names. */
  actionField: string;
  /** Where the event name travels, for the docs, such as "the X-GitHub-Event header". */
  nameFrom: string;
}

interface ImportedExample {
  file: JsonFile;
  pointer: string;
  node: JsonNode;
  value: unknown;
  knownInvalid?: string;
}

interface ImportedAction {
  key: string;
  variant: EventVariant;
  fields: Record<string, SpecNode>;
  examples: ImportedExample[];
}

interface ImportedEvent {
  key: string;
  wireName: string;
  variants: EventVariant[];
  /** For an event without actions. */
  fields?: Record<string, SpecNode>;
  common?: Record<string, SpecNode>;
  actions?: ImportedAction[];
  examples: ImportedExample[];
}

export interface JsonSchemaImportResult {
  files: SpecText[];
  findings: Finding[];
  /** Input texts by display path, for positions. */
  inputs: Map<string, string>;
  events: number;
  verdicts: ExampleVerdict[];
}

/**
 * `eventspec import json-schema`: a catalog published as JSON Schema (one file with a `oneOf` of
 * events, or a folder of schemas) plus example payloads → YAML specs of the external shape with
 * compound names, named types from `$ref`-shared definitions, and a report of everything that
 * could not be expressed and every example the generated validators reject.
 */
export async function importJsonSchema(options: JsonSchemaImportOptions): Promise<JsonSchemaImportResult> {
  const findings: Finding[] = [];
  const schemaInput = await readJsonInput(options.schemaPath, findings);
  const schemaPrefix = schemaInput.isFolder ? path.basename(path.resolve(options.schemaPath)) : "";
  const exampleFindings: Finding[] = [];
  const exampleInput = options.examplesPath === undefined ? { files: [], isFolder: false } : await readJsonInput(options.examplesPath, exampleFindings);
  const examplePrefix = options.examplesPath === undefined ? "" : exampleInput.isFolder ? path.basename(path.resolve(options.examplesPath)) : "";
  const reserved = new Set<string>([...RESERVED_TYPE_NAMES, ...FIXED_EXPORTS]);
  const resolver = schemaResolver(schemaInput.files, reserved);
  const variants = findEvents({ files: schemaInput.files, isFolder: schemaInput.isFolder, resolver, actionField: options.actionField, findings });
  const context: ConvertContext = { resolver, findings, types: new Map(), converting: new Set(), typePlaces: new Map() };

  const events = buildEvents(variants, context, options.actionField, findings);
  assignExamples(events, exampleInput.files, exampleInput.isFolder, options.actionField, exampleFindings);
  // A named type may not take a name the generated code gives an event.
  for (const event of events) {
    for (const identifier of [event.key, ...(event.actions ?? []).map((action) => `${event.key}_${action.key}`)]) {
      const base = identifier.split(/[_-]/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join("");
      for (const suffix of ["Body", "Event"]) if (context.types.has(base + suffix)) renameType(context.types, events, base + suffix, `${base + suffix}Type`);
    }
  }

  const kept = events.filter((event) => {
    if (event.actions || event.examples.length > 0) return true;
    findings.push({ rule: "import/no-event", severity: "error", file: event.variants[0]!.place.file, pointer: event.variants[0]!.place.pointer, message: `Event ${code(event.wireName)} has no example payload, and the spec needs one for an event without actions; it is left out.` });
    return false;
  });

  const renderAll = () => renderSpecs(kept, context.types, options);
  // Judge every example; where real examples break a constraint the schema states, relax it and
  // judge again (a few rounds: relaxing a named type can reveal the next problem behind it).
  // Each round changes a few files: the others are not parsed again.
  const memo: ParseMemo = new Map();
  let judged = judge(kept, renderAll(), memo);
  for (let round = 0; round < 4 && judged.some((item) => item.errors.length > 0); round++) {
    let widened = false;
    for (const item of judged) {
      const fields = item.event.actions ? [item.event.common ?? {}, item.action!.fields] : [item.event.fields ?? {}];
      for (const error of item.errors) {
        if (widenForExample({ fields, types: context.types, error, where: { file: displayFile(examplePrefix, item.example.file.path), pointer: item.example.pointer }, findings })) widened = true;
      }
    }
    if (!widened) break;
    judged = judge(kept, renderAll(), memo);
  }
  const verdicts: ExampleVerdict[] = [];
  for (const { example, modelEvent, errors } of judged) {
    verdicts.push({ file: displayFile(examplePrefix, example.file.path), pointer: example.pointer, event: modelEvent.wireName, errors: errors.map((error) => `${error.path || "(payload)"}: expected ${error.expected}, received ${error.received}`) });
    if (errors.length === 0) continue;
    example.knownInvalid = `Rejected by the imported spec: ${errors
      .slice(0, 3)
      .map((error) => `${error.path || "(payload)"} expected ${error.expected}, received ${error.received}`)
      .join("; ")}${errors.length > 3 ? `; and ${errors.length - 3} more` : ""}.`;
    for (const error of errors) {
      exampleFindings.push({
        rule: "import/example-rejected",
        severity: "warning",
        file: example.file.path,
        pointer: `${example.pointer}${error.path}`,
        offset: nodeAt(example.node, error.path).start,
        subject: modelEvent.name,
        message: `The ${code(modelEvent.wireName)} example is rejected: expected ${code(error.expected)}, received ${code(error.received)}. It is marked \`knownInvalid\`.`,
      });
    }
  }
  const files = renderAll();
  const final = checkWrittenSpec(files, memo);
  for (const diagnostic of final.diagnostics.filter((item) => item.severity === "error")) {
    findings.push({ rule: "import/internal", severity: "error", file: diagnostic.file.replace(`${IN_MEMORY_FOLDER}/`, ""), pointer: "", message: `${diagnostic.rule} at ${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}` });
  }

  const prefixed = (prefix: string, list: Finding[]) => list.map((finding) => ({ ...finding, file: displayFile(prefix, finding.file) }));
  const allFindings = sortFindings([...prefixed(schemaPrefix, findings), ...prefixed(examplePrefix, exampleFindings)]);
  const report = renderJsonSchemaReport({ inputName: path.basename(path.resolve(options.schemaPath)), events: kept.map((event) => ({ name: event.wireName, actions: event.actions?.map((action) => action.key) ?? [] })), types: context.types.size, findings: allFindings, verdicts });
  const inputs = new Map<string, string>([
    ...schemaInput.files.map((file) => [displayFile(schemaPrefix, file.path), file.text] as [string, string]),
    ...exampleInput.files.map((file) => [displayFile(examplePrefix, file.path), file.text] as [string, string]),
  ]);
  return {
    files: [...files, { path: JSON_SCHEMA_REPORT, text: report }].sort((a, b) => compareText(a.path, b.path)),
    findings: allFindings,
    inputs,
    events: kept.length,
    verdicts,
  };
}

interface Judged {
  event: ImportedEvent;
  action: ImportedAction | undefined;
  example: ImportedExample;
  modelEvent: EventDefinition;
  errors: ValidationError[];
}

/** Every example against the spec as `generate` reads it, with the generated validators' own rules. */
function judge(events: readonly ImportedEvent[], files: SpecText[], memo: ParseMemo): Judged[] {
  const checked = checkWrittenSpec(files, memo);
  if (!checked.catalog) return [];
  const catalog = checked.catalog;
  const byName = new Map(catalog.events.map((event) => [event.name, event]));
  const judged: Judged[] = [];
  for (const event of events) {
    const targets: [string, ImportedAction | undefined, ImportedExample[]][] = event.actions ? event.actions.map((action) => [`${event.key}.${action.key}`, action, action.examples]) : [[event.key, undefined, event.examples]];
    for (const [name, action, examples] of targets) {
      const modelEvent = byName.get(name);
      if (!modelEvent) continue;
      for (const example of examples) judged.push({ event, action, example, modelEvent, errors: validateExample(catalog, modelEvent, example.value) });
    }
  }
  return judged;
}

function displayFile(prefix: string, file: string): string {
  return prefix === "" || file === "." ? file : `${prefix}/${file}`;
}

/** Groups variants into events (actions where a variant pins one), converting their schemas. */
function buildEvents(variants: readonly EventVariant[], context: ConvertContext, actionField: string, findings: Finding[]): ImportedEvent[] {
  const byName = new Map<string, EventVariant[]>();
  for (const variant of variants) byName.set(variant.event, [...(byName.get(variant.event) ?? []), variant]);
  const events: ImportedEvent[] = [];
  const keys = new Set<string>();
  for (const [wireName, list] of [...byName].sort(([a], [b]) => compareText(a, b))) {
    const key = eventKey(wireName);
    if (!WIRE_NAME.test(wireName) || keys.has(key)) {
      findings.push({ rule: "import/no-event", severity: "error", file: list[0]!.place.file, pointer: list[0]!.place.pointer, message: `The event name ${code(wireName)} ${keys.has(key) ? "maps to the same spec key as another event" : "has characters event names cannot hold"}; it is left out.` });
      continue;
    }
    keys.add(key);
    const withAction = list.filter((variant) => variant.action !== undefined);
    if (withAction.length === 0) {
      if (list.length > 1) findings.push({ rule: "import/not-expressible", severity: "warning", file: list[1]!.place.file, pointer: list[1]!.place.pointer, message: `Event ${code(wireName)} has ${list.length} schemas and no action field tells them apart; only the first is kept.` });
      events.push({ key, wireName, variants: list, fields: variantFields(list[0]!, context, undefined), examples: [] });
      continue;
    }
    for (const variant of list.filter((candidate) => candidate.action === undefined)) {
      findings.push({ rule: "import/not-expressible", severity: "warning", file: variant.place.file, pointer: variant.place.pointer, message: `A schema of ${code(wireName)} without an ${code(actionField)} value, beside schemas with one, is left out.` });
    }
    const actions: ImportedAction[] = [];
    for (const variant of withAction) {
      if (!ACTION_KEY.test(variant.action!) || actions.some((action) => action.key === variant.action)) {
        findings.push({ rule: "import/no-event", severity: "error", file: variant.place.file, pointer: variant.place.pointer, message: `The action ${code(variant.action!)} of ${code(wireName)} ${ACTION_KEY.test(variant.action!) ? "appears twice" : "is not lower-case letters, digits, `_` and `-`"}; it is left out.` });
        continue;
      }
      actions.push({ key: variant.action!, variant, fields: variantFields(variant, context, actionField), examples: [] });
    }
    // Fields every action declares alike are the event's shared body; the rest stay with their action.
    const shared = Object.keys(actions[0]?.fields ?? {}).filter((field) => actions.every((action) => JSON.stringify(action.fields[field]) === JSON.stringify(actions[0]!.fields[field])));
    const common: Record<string, SpecNode> = {};
    for (const field of shared) common[field] = actions[0]!.fields[field]!;
    for (const action of actions) for (const field of shared) delete action.fields[field];
    events.push({ key, wireName, variants: list, common, actions, examples: [] });
  }
  return events;
}

function variantFields(variant: EventVariant, context: ConvertContext, actionField: string | undefined): Record<string, SpecNode> {
  const converted = convertSchema(variant.schema, variant.place, context);
  let fields: Record<string, SpecNode>;
  if (converted.type?.type === "object") fields = (converted.type.fields ?? {}) as Record<string, SpecNode>;
  else if (converted.type && context.types.get(converted.type.type as string)?.type === "object") fields = { ...(context.types.get(converted.type.type as string)!.fields as Record<string, SpecNode>) };
  else fields = isMap(variant.schema) ? objectFields(variant.schema, variant.place, context) : {};
  if (actionField !== undefined) delete fields[actionField];
  return fields;
}

/** `pull_request`, `Pull Request`, `pull-request` → `pull_request`. */
function eventKey(name: string): string {
  const key = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return EVENT_KEY.test(key) ? key : `event_${key}`;
}

/**
 * Each example goes to its event: the folder it sits in (or its file name up to the first dot)
 * names the event, as a webhook header would; the action field picks the action.
 */
function assignExamples(events: ImportedEvent[], files: readonly JsonFile[], isFolder: boolean, actionField: string, findings: Finding[]): void {
  const byKey = new Map(events.map((event) => [event.key, event]));
  for (const file of files) {
    const segments = file.path.split("/");
    const nameFromPath = isFolder && segments.length > 1 ? segments[segments.length - 2]! : segments.at(-1)!.split(".")[0]!;
    const entries: { pointer: string; node: JsonNode; value: unknown; name: string }[] = [];
    if (isExampleIndex(file.root)) {
      // `[{ name, examples: [payloads] }]`, an index of a catalog's examples by event name. In a
      // folder that also files them one by one, it repeats them: it is skipped, and said so.
      if (isFolder && files.some((other) => other.path.includes("/"))) {
        findings.push({ rule: "import/unmatched-example", severity: "guess", file: file.path, pointer: "", message: "An index of examples by event name, beside the examples filed by event: it is not imported twice." });
        continue;
      }
      (file.root as Extract<JsonNode, { kind: "array" }>).items.forEach((item, index) => {
        const name = item.kind === "object" ? item.entries.find((entry) => entry.key === "name")?.value : undefined;
        const list = item.kind === "object" ? item.entries.find((entry) => entry.key === "examples")?.value : undefined;
        if (name?.kind !== "string" || list?.kind !== "array") return;
        list.items.forEach((node, position) => entries.push({ pointer: `/${index}/examples/${position}`, node, value: toPlain(node), name: name.value }));
      });
    } else if (file.root.kind === "array") file.root.items.forEach((node, index) => entries.push({ pointer: `/${index}`, node, value: (file.value as Json[])[index], name: nameFromPath }));
    else if (file.root.kind === "object" && !isFolder && events.every((event) => !(event.wireName in (file.value as object)))) entries.push({ pointer: "", node: file.root, value: file.value, name: nameFromPath });
    else if (file.root.kind === "object" && !isFolder) {
      // `{ "<event name>": [payloads] }`
      for (const entry of file.root.entries) {
        const list = entry.value.kind === "array" ? entry.value.items : [entry.value];
        list.forEach((node, index) => entries.push({ pointer: entry.value.kind === "array" ? `/${escape(entry.key)}/${index}` : `/${escape(entry.key)}`, node, value: entry.value.kind === "array" ? ((file.value as Record<string, Json[]>)[entry.key]!)[index] : (file.value as Record<string, Json>)[entry.key], name: entry.key }));
      }
    } else entries.push({ pointer: "", node: file.root, value: file.value, name: nameFromPath });
    for (const entry of entries) {
      const event = byKey.get(eventKey(entry.name));
      if (!event) {
        findings.push({ rule: "import/unmatched-example", severity: "warning", file: file.path, pointer: entry.pointer, offset: entry.node.start, message: `No event is named ${code(entry.name)}; the example is not imported.` });
        continue;
      }
      const example: ImportedExample = { file, pointer: entry.pointer, node: entry.node, value: entry.value };
      if (!event.actions) {
        event.examples.push(example);
        continue;
      }
      const action = isMap(entry.value as Json) ? (entry.value as Record<string, unknown>)[actionField] : undefined;
      const target = event.actions.find((candidate) => candidate.key === action);
      if (!target) {
        findings.push({ rule: "import/unmatched-example", severity: "warning", file: file.path, pointer: `${entry.pointer}/${escape(actionField)}`, offset: entry.node.start, message: `${code(event.wireName)} has no action ${code(String(action))}; the example is not imported (the generated validators reject it as an unknown action).` });
        continue;
      }
      target.examples.push(example);
    }
  }
}

function isExampleIndex(root: JsonNode): boolean {
  return root.kind === "array" && root.items.length > 0 && root.items.every((item) => item.kind === "object" && item.entries.some((entry) => entry.key === "name" && entry.value.kind === "string") && item.entries.some((entry) => entry.key === "examples" && entry.value.kind === "array"));
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function renameType(types: Map<string, SpecNode>, events: ImportedEvent[], from: string, to: string): void {
  const declaration = types.get(from)!;
  types.delete(from);
  types.set(to, declaration);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.type === from) record.type = to;
      for (const child of Object.values(record)) visit(child);
    }
  };
  visit([...types.values()]);
  visit(events.map((event) => [event.fields, event.common, event.actions?.map((action) => action.fields)]));
}

/** `catalog.yaml` (catalog, named types, envelope) and one spec file per event. */
function renderSpecs(events: readonly ImportedEvent[], types: ReadonlyMap<string, SpecNode>, options: JsonSchemaImportOptions): SpecText[] {
  const typesMap = new YAMLMap();
  for (const [name, declaration] of [...types].sort(([a], [b]) => compareText(a, b))) typesMap.add(new Pair(new Scalar(name), yamlOf(declaration)));
  const catalogName = path.basename(path.resolve(options.schemaPath)).replace(/\.json$/, "");
  const catalog = yamlOf({
    catalog: { name: catalogName, version: "0.0.0", description: `Imported from JSON Schema by \`eventspec import json-schema\`. See ${JSON_SCHEMA_REPORT} for what could not be expressed and every example the validators reject.` },
    ...(typesMap.items.length > 0 ? { types: typesMap } : {}),
    envelope: { shape: "external", nameFrom: options.nameFrom, description: `Each event is its payload; the name travels outside it (${options.nameFrom}), and the payload's \`${options.actionField}\` field refines it.`, actions: { field: options.actionField } },
  });
  const files: SpecText[] = [{ path: "catalog.yaml", text: render(catalog as YAMLMap, options.specSchemaPath) }];
  for (const event of events) {
    const first = event.variants[0]!;
    const definition = oneLine(first.description ?? (event.actions ? `The ${event.wireName} event.` : (first.title ?? `The ${event.wireName} event.`)));
    const node: Record<string, unknown> = {
      ...(event.key === event.wireName ? {} : { eventName: event.wireName }),
      definition: event.actions ? `The ${event.wireName} event.` : definition,
    };
    if (event.actions) {
      if (Object.keys(event.common ?? {}).length > 0) node.body = event.common;
      const actions = new YAMLMap();
      for (const action of event.actions) {
        actions.add(
          new Pair(
            new Scalar(action.key),
            yamlOf({
              definition: oneLine(action.variant.description ?? action.variant.title ?? `The ${event.wireName} event with ${options.actionField} ${action.key}.`),
              ...(Object.keys(action.fields).length > 0 ? { body: action.fields } : {}),
              ...(action.examples.length > 0 ? { examples: examplesNode(action.examples) } : {}),
            }),
          ),
        );
      }
      node.actions = actions;
    } else {
      node.body = event.fields ?? {};
      node.examples = examplesNode(event.examples);
    }
    const events = new YAMLMap();
    events.add(new Pair(new Scalar(event.key), yamlOf(node)));
    files.push({ path: `${event.key}.yaml`, text: render(yamlOf({ group: { name: event.wireName }, events }) as YAMLMap, options.specSchemaPath) });
  }
  return files;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim() || "(no description)";
}

function examplesNode(examples: readonly ImportedExample[]): YAMLSeq {
  const sequence = new YAMLSeq();
  for (const example of examples) {
    sequence.add(yamlOf({ summary: `${example.file.path}${example.pointer === "" ? "" : `#${example.pointer}`}`, ...(example.knownInvalid ? { knownInvalid: example.knownInvalid } : {}), payload: jsonNode(example.node) }));
  }
  return sequence;
}

/** Plain spec data → yaml nodes, keys in the order given; already-built nodes pass through. */
function yamlOf(value: unknown): unknown {
  if (value instanceof YAMLMap || value instanceof YAMLSeq || value instanceof Scalar) return value;
  if (Array.isArray(value)) {
    const sequence = new YAMLSeq();
    value.forEach((item) => sequence.add(yamlOf(item)));
    return sequence;
  }
  if (value !== null && typeof value === "object") {
    const map = new YAMLMap();
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || key === "__nullable") continue;
      map.add(new Pair(new Scalar(key), yamlOf(item)));
    }
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === "string" && (value.length > 80 || value.includes("\n"))) scalar.type = Scalar.BLOCK_FOLDED;
  return scalar;
}
