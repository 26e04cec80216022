import { isMap, isScalar, type Node } from "yaml";
import { compareText, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, diagnosticForFile, spanOf, type SpecSource, type Span } from "../load/spec-source.js";
import type { ArrayType, Catalog, Deprecation, Envelope, EventDefinition, Example, Field, Format, Group, NamedType, NumericType, ObjectType, StringType, TypeNode } from "./ir.js";
import { kebabCase, pascalCaseFromSnake } from "./names.js";
import { DEFAULT_NAME_FIELD, type ShapeKind } from "./shape.js";
import { keyEventByItsStep, rememberedDurably, sourceCodec, sourceKey } from "./step-memo.js";
import { entries, entry, items, nodeToJson, scalar, text } from "./yaml-access.js";

export const BUILT_IN_KINDS = ["string", "integer", "number", "boolean", "enum", "const", "array", "object", "union"] as const;

/**
 * Builds the catalog from documents that passed the shape check. Reports what only shows across
 * files: a missing or repeated catalog or envelope, and names declared twice.
 *
 * Each file's part (its catalog, envelope and types, then its group and events) is a step of its
 * own over that file alone, kept by the step memo, so that a run after one file's edit reads the
 * other files' parts without parsing them; what spans files is done here, over those parts.
 */
export function buildModel(sources: readonly SpecSource[], specDir: string): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const parts = sources.map((source) => ({ source, ...rememberedDurably(() => `file-declarations\0${sourceKey(source)}`, () => declarationsOf(source), sourceCodec<FileDeclarations>(source)) }));

  const catalogParts = parts.filter((part) => part.catalog !== undefined);
  const envelopeParts = parts.filter((part) => part.envelope !== undefined);
  for (const [key, found] of [["catalog", catalogParts.map((part) => ({ path: part.source.path, span: part.catalog!.span }))], ["envelope", envelopeParts.map((part) => ({ path: part.source.path, span: part.envelope!.base.span }))]] as const) {
    for (const extra of found.slice(1)) {
      diagnostics.push(diagnosticAt(extra.span, "spec/duplicate-catalog", `\`${key}\` is declared in ${found[0]!.path} and again here.`, `Keep one \`${key}:\` for the whole catalog.`));
    }
  }
  if (catalogParts.length === 0) {
    diagnostics.push(diagnosticForFile(specDir, "spec/missing-catalog", "No spec file declares `catalog:` (name and version).", "Add `catalog:` with `name:` and `version:` to one spec file, e.g. catalog.yaml."));
  }
  if (envelopeParts.length === 0) {
    diagnostics.push(diagnosticForFile(specDir, "spec/missing-envelope", "No spec file declares `envelope:`, the metadata every event shares.", "Add `envelope:` with `description:` and `fields:` to the catalog file."));
  }

  const types: NamedType[] = [];
  const typeDeclarations = new Map<string, Span>();
  for (const part of parts) {
    for (const type of part.types) {
      const earlier = typeDeclarations.get(type.name);
      if (earlier) {
        diagnostics.push(diagnosticAt(type.span, "spec/duplicate-type", `Type \`${type.name}\` is declared twice (first in ${earlier.source.path}:${lineOf(earlier)}).`, "Rename or remove one of them."));
        continue;
      }
      typeDeclarations.set(type.name, type.span);
      types.push(type);
    }
  }
  types.sort((a, b) => compareText(a.name, b.name));

  const groups: Group[] = [];
  const events: EventDefinition[] = [];
  const refinement = envelopeParts[0]?.envelope!.refinement ?? actionField(undefined);
  const refinementKey = JSON.stringify([refinement.key, refinement.separator]);
  const eventDeclarations = new Map<string, EventDefinition>();
  const groupSlugs = new Map<string, Group>();
  for (const { source } of parts) {
    const stepKey = `file-events\0${sourceKey(source)}\0${refinementKey}`;
    const declared = rememberedDurably(() => stepKey, () => eventsOf(source, refinement), sourceCodec<FileEvents | undefined>(source));
    if (!declared) continue;
    for (const item of declared.entries) for (const event of item.events) keyEventByItsStep(event, stepKey);
    const { name, slug, description, source: path, span } = declared.group;
    const group: Group = { name, slug, description, source: path, events: [], span };
    const clash = groupSlugs.get(group.slug);
    if (clash) {
      diagnostics.push(
        diagnosticAt(group.span, "spec/duplicate-group", `Group \`${group.name}\` would share the docs page ${group.slug}.md with group \`${clash.name}\` in ${clash.source}.`, "Give each group its own name, or move the events into one file."),
      );
      continue;
    }
    groupSlugs.set(group.slug, group);
    for (const { key, nameSpan, events: entryEvents } of declared.entries) {
      const earlier = eventDeclarations.get(key);
      if (earlier) {
        const message = `Event \`${key}\` is declared twice.`;
        diagnostics.push(diagnosticAt(nameSpan, "spec/duplicate-event", `${message} The other one is at ${earlier.source}:${lineOf(earlier.nameSpan)}.`, "Event names are the `metadata.event_name` value and must be unique."));
        diagnostics.push(diagnosticAt(earlier.nameSpan, "spec/duplicate-event", `${message} The other one is at ${source.path}:${lineOf(nameSpan)}.`, "Event names are the `metadata.event_name` value and must be unique."));
        continue;
      }
      for (const event of entryEvents) {
        const earlier = eventDeclarations.get(event.name);
        if (earlier) {
          const message = `Event \`${event.name}\` is declared twice.`;
          diagnostics.push(diagnosticAt(event.nameSpan, "spec/duplicate-event", `${message} The other one is at ${earlier.source}:${lineOf(earlier.nameSpan)}.`, "Event names must be unique."));
          continue;
        }
        eventDeclarations.set(event.name, event);
        group.events.push(event);
        events.push(event);
      }
    }
    groups.push(group);
  }
  groups.sort((a, b) => compareText(a.name, b.name));
  events.sort((a, b) => compareText(a.name, b.name));

  const catalogPart = catalogParts[0];
  const envelopePart = envelopeParts[0];
  if (!catalogPart || !envelopePart) return { diagnostics };
  const { name, id, version, description } = catalogPart.catalog!;
  const catalog: Catalog = {
    name,
    id,
    version,
    description,
    sources: sources.map((source) => source.path).sort(compareText),
    catalogSource: catalogPart.source.path,
    types,
    envelope: withActions(envelopePart.envelope!, hasActions(events)),
    groups,
    events,
  };
  return { catalog, diagnostics };
}

/** What one file declares besides its group and events: the catalog, the envelope, named types. */
interface FileDeclarations {
  catalog?: { name: string; id: string; version: string; description: string | undefined; span: Span };
  envelope?: DeclaredEnvelope;
  types: NamedType[];
}

/** The envelope as its file declares it; whether it names actions also depends on the events of every file. */
interface DeclaredEnvelope {
  /** The envelope without `actions`. */
  base: Omit<Envelope, "actions">;
  actionsDeclared: boolean;
  refinement: { key: string; separator: string };
}

/** One file's group and the events of each of its `events:` entries. */
interface FileEvents {
  group: Omit<Group, "events">;
  entries: { key: string; nameSpan: Span; events: EventDefinition[] }[];
}

function declarationsOf(source: SpecSource): FileDeclarations {
  const root = source.document.contents;
  const catalogNode = entry(root, "catalog");
  const envelopeNode = entry(root, "envelope");
  const types = entries(entry(root, "types")).map(({ key, keyNode, value }) => ({
    name: key,
    description: text(value, "description") ?? "",
    deprecated: deprecation(value),
    type: buildType(source, value),
    span: spanOf(source, keyNode.range),
  }));
  const name = text(catalogNode, "name") ?? "";
  return {
    ...(catalogNode === undefined ? {} : { catalog: { name, id: text(catalogNode, "id") ?? kebabCase(name), version: String(scalar(catalogNode, "version") ?? ""), description: text(catalogNode, "description"), span: keySpanOf(source, "catalog") } }),
    ...(envelopeNode === undefined ? {} : { envelope: declaredEnvelope(source, envelopeNode) }),
    types,
  };
}

function declaredEnvelope(source: SpecSource, envelopeNode: Node | null): DeclaredEnvelope {
  const shape = (text(envelopeNode, "shape") ?? "metadata-body") as ShapeKind;
  const actionsNode = entry(envelopeNode, "actions");
  const nameHeader = text(envelopeNode, "nameHeader");
  const contentModes = items(entry(envelopeNode, "contentModes")).flatMap((node) => (isScalar(node) && (node.value === "structured" || node.value === "binary") ? [node.value as "structured" | "binary"] : []));
  return {
    base: {
      description: text(envelopeNode, "description") ?? "",
      shape,
      discriminator: shape === "metadata-body" || shape === "flat" ? (text(envelopeNode, "discriminator") ?? DEFAULT_NAME_FIELD[shape]) : DEFAULT_NAME_FIELD[shape],
      ...(text(envelopeNode, "nameFrom") === undefined ? (nameHeader ? { nameFrom: `the ${nameHeader} header` } : {}) : { nameFrom: text(envelopeNode, "nameFrom")! }),
      ...(contentModes.length === 0 ? {} : { contentModes: { modes: contentModes, span: spanOf(source, entries(envelopeNode).find((item) => item.key === "contentModes")?.keyNode.range) } }),
      ...(nameHeader === undefined ? {} : { nameHeader: { name: nameHeader, span: spanOf(source, entries(envelopeNode).find((item) => item.key === "nameHeader")?.keyNode.range) } }),
      strict: scalar(envelopeNode, "strict") === true,
      fields: buildFields(source, entry(envelopeNode, "fields")),
      span: keySpanOf(source, "envelope"),
    },
    actionsDeclared: isMap(actionsNode),
    refinement: actionField(envelopeNode),
  };
}

/** The envelope, with `actions` where the spec declares them or any event uses them (in its place among the keys). */
function withActions(declared: DeclaredEnvelope, eventsHaveActions: boolean): Envelope {
  const { strict, fields, span, ...head } = declared.base;
  const actions = declared.actionsDeclared || eventsHaveActions ? { actions: { field: declared.refinement.key, separator: declared.refinement.separator } } : {};
  return { ...head, ...actions, strict, fields, span };
}

function eventsOf(source: SpecSource, refinement: { key: string; separator: string }): FileEvents | undefined {
  const root = source.document.contents;
  const groupNode = entry(root, "group");
  if (!isMap(groupNode)) return undefined;
  const name = text(groupNode, "name") ?? "";
  return {
    group: { name, slug: kebabCase(name), description: text(groupNode, "description"), source: source.path, span: keySpanOf(source, "group") },
    entries: entries(entry(root, "events")).map(({ key, keyNode, value }) => ({ key, nameSpan: spanOf(source, keyNode.range), events: eventsDeclaredBy({ source, key, keyNode, value, group: name, refinement }) })),
  };
}

/** The events one `events:` entry declares: itself, or one per action. */
function eventsDeclaredBy(props: { source: SpecSource; key: string; keyNode: Node; value: Node | null | undefined; group: string; refinement: { key: string; separator: string } }): EventDefinition[] {
  const { source, key, keyNode, value, group: name, refinement } = props;
  const nameSpan = spanOf(source, keyNode.range);
  const common = buildObject(source, entry(value, "body"), scalar(value, "strict") === true, spanOf(source, (entry(value, "body") ?? value)?.range));
  const base: EventDefinition = {
    name: key,
    wireName: text(value, "eventName") ?? key,
    identifier: pascalCaseFromSnake(key),
    group: name,
    source: source.path,
    definition: text(value, "definition") ?? "",
    trigger: text(value, "trigger"),
    description: text(value, "description"),
    deprecated: deprecation(value),
    body: common,
    examples: items(entry(value, "examples")).map((example, index) => buildExample(source, example, ["events", key, "examples", String(index), "payload"])),
    span: spanOf(source, value?.range),
    nameSpan,
  };
  const actionsNode = entry(value, "actions");
  return isMap(actionsNode) ? actionEvents({ source, base, actionsNode, actionField: refinement }) : [base];
}

/** The payload field that refines names: `envelope.actions.field`, `action` by default. */
function actionField(envelopeNode: Node | null | undefined): { key: string; separator: string } {
  const actions = entry(envelopeNode, "actions");
  return { key: text(actions, "field") ?? "action", separator: text(actions, "separator") ?? "." };
}

function hasActions(events: readonly EventDefinition[]): boolean {
  return events.some((event) => event.family !== undefined);
}

/**
 * One event per action of an event with `actions:`: its body is the action field pinned to the
 * action's value, then the fields every action shares, then the action's own.
 */
function actionEvents(props: { source: SpecSource; base: EventDefinition; actionsNode: Node; actionField: { key: string; separator: string } }): EventDefinition[] {
  const { source, base, actionsNode, actionField: refinement } = props;
  return entries(actionsNode).map(({ key, keyNode, value }) => {
    const nameSpan = spanOf(source, keyNode.range);
    const own = buildFields(source, entry(value, "body"));
    const ownKeys = new Set(own.map((item) => item.key));
    const actionFieldDefinition: Field = {
      key: refinement.key,
      description: `The action: \`${key}\` for this event.`,
      required: true,
      nullable: false,
      deprecated: false,
      type: { kind: "const", value: key, span: nameSpan },
      span: nameSpan,
    };
    const fields = [actionFieldDefinition, ...base.body.fields.filter((item) => item.key !== refinement.key && !ownKeys.has(item.key)), ...own.filter((item) => item.key !== refinement.key)];
    const strict = base.body.strict || scalar(value, "strict") === true;
    const ownDeprecation = deprecation(value);
    return {
      name: `${base.name}.${key}`,
      wireName: `${base.wireName}${refinement.separator}${key}`,
      identifier: base.identifier + pascalCaseFromSnake(key.replace(/[^A-Za-z0-9]+/g, "_")),
      group: base.group,
      source: base.source,
      definition: text(value, "definition") ?? base.definition,
      trigger: text(value, "trigger") ?? base.trigger,
      description: text(value, "description") ?? base.description,
      deprecated: ownDeprecation === false ? base.deprecated : ownDeprecation,
      body: { kind: "object", fields, strict, span: base.body.span },
      examples: items(entry(value, "examples")).map((example, index) => buildExample(source, example, ["events", base.name, "actions", key, "examples", String(index), "payload"])),
      span: spanOf(source, value?.range),
      nameSpan,
      family: { name: base.name, wireName: base.wireName, action: key },
    };
  });
}

function buildFields(source: SpecSource, node: Node | null | undefined): Field[] {
  return entries(node).map(({ key, keyNode, value }) => ({
    key,
    description: text(value, "description") ?? "",
    required: scalar(value, "required") !== false,
    nullable: scalar(value, "nullable") === true,
    deprecated: deprecation(value),
    type: buildType(source, value),
    span: spanOf(source, keyNode.range),
  }));
}

function buildObject(source: SpecSource, fieldsNode: Node | null | undefined, strict: boolean, span: Span): ObjectType {
  return { kind: "object", fields: buildFields(source, fieldsNode), strict, span };
}

/** A type from a field, a named type or array items: either a type name or a map with `type`. */
export function buildType(source: SpecSource, node: Node | null | undefined): TypeNode {
  if (isScalar(node)) {
    // `items: string` is the built-in kind; any other bare name refers to a named type.
    const name = String(node.value);
    const span = spanOf(source, node.range);
    if (name === "string" || name === "boolean") return { kind: name, span };
    if (name === "integer" || name === "number") return { kind: name, span };
    return { kind: "ref", name, span };
  }
  const typeNode = entry(node, "type");
  const span = spanOf(source, (typeNode ?? node)?.range);
  const kind = String(scalar(node, "type") ?? "");
  const number = (key: string) => {
    const value = scalar(node, key);
    return typeof value === "number" ? value : undefined;
  };
  switch (kind) {
    case "string":
      return withDefined<StringType>({ kind: "string", span, format: scalar(node, "format") as Format | undefined, pattern: text(node, "pattern"), minLength: number("minLength"), maxLength: number("maxLength") });
    case "integer":
    case "number":
      return withDefined<NumericType>({
        kind,
        span,
        minimum: number("minimum"),
        maximum: number("maximum"),
        exclusiveMinimum: number("exclusiveMinimum"),
        exclusiveMaximum: number("exclusiveMaximum"),
      });
    case "boolean":
      return { kind: "boolean", span };
    case "enum":
      return { kind: "enum", span, values: entries(entry(node, "values")).map(({ key, value }) => ({ value: key, description: isScalar(value) ? String(value.value) : "" })) };
    case "const":
      return { kind: "const", span, value: (scalar(node, "value") ?? null) as string | number | boolean | null };
    case "array": {
      const itemsNode = entry(node, "items");
      return withDefined<ArrayType>({
        kind: "array",
        span,
        items: buildType(source, itemsNode),
        itemsNullable: scalar(itemsNode, "nullable") === true,
        itemsDescription: text(itemsNode, "description"),
        minItems: number("minItems"),
        maxItems: number("maxItems"),
      });
    }
    case "object":
      return buildObject(source, entry(node, "fields"), scalar(node, "strict") === true, span);
    case "union":
      return { kind: "union", span, alternatives: items(entry(node, "of")).map((alternative) => buildType(source, alternative)) };
    default:
      return { kind: "ref", name: kind, span };
  }
}

function buildExample(source: SpecSource, node: Node, location: string[]): Example {
  const payloadNode = entry(node, "payload");
  return {
    summary: text(node, "summary"),
    knownInvalid: text(node, "knownInvalid"),
    payload: payloadNode ? payloadNode.toJS(source.document, { maxAliasCount: 0 }) : undefined,
    json: nodeToJson(payloadNode),
    location,
    span: spanOf(source, payloadNode?.range ?? node.range),
  };
}

function deprecation(node: unknown): Deprecation {
  const value = scalar(node, "deprecated");
  return typeof value === "string" ? value : value === true;
}

function keySpanOf(source: SpecSource, key: string): Span {
  const found = entries(source.document.contents).find((item) => item.key === key);
  return spanOf(source, found?.keyNode.range);
}

function lineOf(span: Span): number {
  return span.source.lineCounter.linePos(span.start).line;
}

/** Drops keys whose value is undefined, so that `exactOptionalPropertyTypes` holds. */
function withDefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
