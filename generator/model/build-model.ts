import { isMap, isScalar, type Node } from "yaml";
import { compareText, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, diagnosticForFile, spanOf, type SpecSource, type Span } from "../load/spec-source.js";
import type { ArrayType, Catalog, Deprecation, Envelope, EventDefinition, Example, Field, Format, Group, NamedType, NumericType, ObjectType, StringType, TypeNode } from "./ir.js";
import { kebabCase, pascalCaseFromSnake } from "./names.js";
import { DEFAULT_NAME_FIELD, type ShapeKind } from "./shape.js";
import { entries, entry, items, nodeToJson, scalar, text } from "./yaml-access.js";

export const BUILT_IN_KINDS = ["string", "integer", "number", "boolean", "enum", "const", "array", "object", "union"] as const;

/**
 * Builds the catalog from documents that passed the shape check. Reports what only shows across
 * files: a missing or repeated catalog or envelope, and names declared twice.
 */
export function buildModel(sources: readonly SpecSource[], specDir: string): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root = (source: SpecSource) => source.document.contents;
  const declaring = (key: string) => sources.filter((source) => entry(root(source), key) !== undefined);

  const catalogSources = declaring("catalog");
  const envelopeSources = declaring("envelope");
  for (const [key, found] of [["catalog", catalogSources], ["envelope", envelopeSources]] as const) {
    for (const extra of found.slice(1)) {
      diagnostics.push(
        diagnosticAt(keySpanOf(extra, key), "spec/duplicate-catalog", `\`${key}\` is declared in ${found[0]!.path} and again here.`, `Keep one \`${key}:\` for the whole catalog.`),
      );
    }
  }
  if (catalogSources.length === 0) {
    diagnostics.push(diagnosticForFile(specDir, "spec/missing-catalog", "No spec file declares `catalog:` (name and version).", "Add `catalog:` with `name:` and `version:` to one spec file, e.g. catalog.yaml."));
  }
  if (envelopeSources.length === 0) {
    diagnostics.push(diagnosticForFile(specDir, "spec/missing-envelope", "No spec file declares `envelope:`, the metadata every event shares.", "Add `envelope:` with `description:` and `fields:` to the catalog file."));
  }

  const types: NamedType[] = [];
  const typeDeclarations = new Map<string, Span>();
  for (const source of sources) {
    for (const { key, keyNode, value } of entries(entry(root(source), "types"))) {
      const span = spanOf(source, keyNode.range);
      const earlier = typeDeclarations.get(key);
      if (earlier) {
        diagnostics.push(diagnosticAt(span, "spec/duplicate-type", `Type \`${key}\` is declared twice (first in ${earlier.source.path}:${lineOf(earlier)}).`, "Rename or remove one of them."));
        continue;
      }
      typeDeclarations.set(key, span);
      types.push({
        name: key,
        description: text(value, "description") ?? "",
        deprecated: deprecation(value),
        type: buildType(source, value),
        span,
      });
    }
  }
  types.sort((a, b) => compareText(a.name, b.name));

  const groups: Group[] = [];
  const events: EventDefinition[] = [];
  const refinement = actionField(envelopeSourceOf(sources));
  const eventDeclarations = new Map<string, EventDefinition>();
  const groupSlugs = new Map<string, Group>();
  for (const source of sources) {
    const groupNode = entry(root(source), "group");
    if (!isMap(groupNode)) continue;
    const name = text(groupNode, "name") ?? "";
    const group: Group = {
      name,
      slug: kebabCase(name),
      description: text(groupNode, "description"),
      source: source.path,
      events: [],
      span: keySpanOf(source, "group"),
    };
    const clash = groupSlugs.get(group.slug);
    if (clash) {
      diagnostics.push(
        diagnosticAt(group.span, "spec/duplicate-group", `Group \`${name}\` would share the docs page ${group.slug}.md with group \`${clash.name}\` in ${clash.source}.`, "Give each group its own name, or move the events into one file."),
      );
      continue;
    }
    groupSlugs.set(group.slug, group);
    for (const { key, keyNode, value } of entries(entry(root(source), "events"))) {
      const nameSpan = spanOf(source, keyNode.range);
      const earlier = eventDeclarations.get(key);
      if (earlier) {
        const message = `Event \`${key}\` is declared twice.`;
        diagnostics.push(diagnosticAt(nameSpan, "spec/duplicate-event", `${message} The other one is at ${earlier.source}:${lineOf(earlier.nameSpan)}.`, "Event names are the `metadata.event_name` value and must be unique."));
        diagnostics.push(diagnosticAt(earlier.nameSpan, "spec/duplicate-event", `${message} The other one is at ${source.path}:${lineOf(nameSpan)}.`, "Event names are the `metadata.event_name` value and must be unique."));
        continue;
      }
      const declared = eventsDeclaredBy({ source, key, keyNode, value, group: name, refinement });
      for (const event of declared) {
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

  const catalogSource = catalogSources[0];
  const envelopeSource = envelopeSources[0];
  if (!catalogSource || !envelopeSource) return { diagnostics };
  const catalogNode = entry(root(catalogSource), "catalog");
  const envelopeNode = entry(root(envelopeSource), "envelope");
  const shape = (text(envelopeNode, "shape") ?? "metadata-body") as ShapeKind;
  const actionsNode = entry(envelopeNode, "actions");
  const nameHeader = text(envelopeNode, "nameHeader");
  const contentModes = items(entry(envelopeNode, "contentModes")).flatMap((node) => (isScalar(node) && (node.value === "structured" || node.value === "binary") ? [node.value as "structured" | "binary"] : []));
  const envelope: Envelope = {
    description: text(envelopeNode, "description") ?? "",
    shape,
    discriminator: shape === "metadata-body" || shape === "flat" ? (text(envelopeNode, "discriminator") ?? DEFAULT_NAME_FIELD[shape]) : DEFAULT_NAME_FIELD[shape],
    ...(text(envelopeNode, "nameFrom") === undefined ? (nameHeader ? { nameFrom: `the ${nameHeader} header` } : {}) : { nameFrom: text(envelopeNode, "nameFrom")! }),
    ...(contentModes.length === 0 ? {} : { contentModes: { modes: contentModes, span: spanOf(envelopeSource, entries(envelopeNode).find((item) => item.key === "contentModes")?.keyNode.range) } }),
    ...(nameHeader === undefined ? {} : { nameHeader: { name: nameHeader, span: spanOf(envelopeSource, entries(envelopeNode).find((item) => item.key === "nameHeader")?.keyNode.range) } }),
    ...(isMap(actionsNode) || hasActions(events) ? { actions: { field: text(actionsNode, "field") ?? "action", separator: text(actionsNode, "separator") ?? "." } } : {}),
    strict: scalar(envelopeNode, "strict") === true,
    fields: buildFields(envelopeSource, entry(envelopeNode, "fields")),
    span: keySpanOf(envelopeSource, "envelope"),
  };
  const name = text(catalogNode, "name") ?? "";
  const catalog: Catalog = {
    name,
    id: text(catalogNode, "id") ?? kebabCase(name),
    version: String(scalar(catalogNode, "version") ?? ""),
    description: text(catalogNode, "description"),
    sources: sources.map((source) => source.path).sort(compareText),
    catalogSource: catalogSource.path,
    types,
    envelope,
    groups,
    events,
  };
  return { catalog, diagnostics };
}

// Events already built from a YAML node. The parse memo of `--watch` hands back the very same
// nodes for a file whose text did not change, so its events are the same objects too (and
// everything keyed on them stays warm); a one-shot run builds each event once, as before.
const builtEvents = new WeakMap<Node, Map<string, EventDefinition[]>>();

/** The events one `events:` entry declares: itself, or one per action. */
function eventsDeclaredBy(props: { source: SpecSource; key: string; keyNode: Node; value: Node | null | undefined; group: string; refinement: { key: string; separator: string } }): EventDefinition[] {
  const { source, key, keyNode, value, group: name, refinement } = props;
  const memoKey = JSON.stringify([key, name, refinement.key, refinement.separator]);
  const known = value ? builtEvents.get(value)?.get(memoKey) : undefined;
  if (known) return known;
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
  const declared = isMap(actionsNode) ? actionEvents({ source, base, actionsNode, actionField: refinement }) : [base];
  if (value) {
    const byKey = builtEvents.get(value) ?? new Map<string, EventDefinition[]>();
    byKey.set(memoKey, declared);
    builtEvents.set(value, byKey);
  }
  return declared;
}

function envelopeSourceOf(sources: readonly SpecSource[]): Node | null | undefined {
  for (const source of sources) {
    const node = entry(source.document.contents, "envelope");
    if (node !== undefined) return node;
  }
  return undefined;
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
