import path from "node:path";
import type { Finding } from "../findings.js";
import { isMap, type Json, type JsonMap, type SchemaPlace, type SchemaResolver } from "./convert-schema.js";
import type { JsonFile } from "./read-input.js";

/** One event schema of the catalog: its event name, its action (for compound names) and where it is. */
export interface EventVariant {
  event: string;
  action: string | undefined;
  schema: JsonMap;
  place: SchemaPlace;
  title: string | undefined;
  description: string | undefined;
}

/**
 * Finds the event schemas of a catalog: the branches of a top-level `oneOf`/`anyOf` (a branch
 * that is itself a `oneOf` is one event with several actions), or, in a folder, every schema
 * file no other file refers to. The event name comes from the definition key, the file's folder
 * or name, `$id` or title; the action from a `const` or one-value `enum` on the action field.
 */
export function findEvents(props: { files: readonly JsonFile[]; isFolder: boolean; resolver: SchemaResolver; actionField: string; findings: Finding[] }): EventVariant[] {
  const { files, isFolder, resolver, actionField, findings } = props;
  const variants: EventVariant[] = [];
  const leaf = (schema: Json, place: SchemaPlace, eventHint: string | undefined) => {
    if (!isMap(schema)) return;
    const action = actionOf(schema, place, resolver, actionField);
    const event = eventHint ?? nameFromId(schema, place) ?? nameFromTitle(schema, action);
    if (event === undefined) {
      findings.push({ rule: "import/no-event", severity: "error", file: place.file, pointer: place.pointer, message: "This schema names no event (no definition key, `$id` or title to take it from); it is left out." });
      return;
    }
    variants.push({
      event,
      action,
      schema,
      place,
      title: typeof schema.title === "string" ? schema.title : undefined,
      description: typeof schema.description === "string" ? schema.description : undefined,
    });
  };
  const branchesOf = (schema: Json): Json[] | undefined => (isMap(schema) ? ((Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined) as Json[] | undefined) : undefined);
  const follow = (schema: Json, place: SchemaPlace): { schema: Json; place: SchemaPlace } => {
    for (let depth = 0; isMap(schema) && typeof schema.$ref === "string" && depth < 16; depth++) {
      const target = resolver.resolve(schema.$ref, place);
      if (!target) break;
      ({ schema, place } = target);
    }
    return { schema, place };
  };

  if (!isFolder) {
    for (const file of files) {
      const rootPlace = { file: file.path, pointer: "" };
      const branches = branchesOf(file.value);
      if (!branches) {
        leaf(file.value, rootPlace, nameFromId(file.value, rootPlace) ?? path.posix.basename(file.path).replace(/\.schema\.json$|\.json$/, ""));
        continue;
      }
      branches.forEach((branch, index) => {
        const target = follow(branch, { file: file.path, pointer: `/${branches === (file.value as JsonMap).oneOf ? "oneOf" : "anyOf"}/${index}` });
        const groupName = eventFromKey(target.place);
        const inner = branchesOf(target.schema);
        if (inner) {
          inner.forEach((variant, variantIndex) => {
            const resolved = follow(variant, { file: target.place.file, pointer: `${target.place.pointer}/${(target.schema as JsonMap).oneOf ? "oneOf" : "anyOf"}/${variantIndex}` });
            leaf(resolved.schema, resolved.place, groupName ?? nameFromId(resolved.schema, resolved.place));
          });
        } else leaf(target.schema, target.place, groupName ?? nameFromId(target.schema, target.place));
      });
    }
    return variants;
  }

  // A folder: event schemas are the files nothing refers to; the rest are shared definitions.
  const referenced = new Set<string>();
  const visit = (value: Json, place: SchemaPlace) => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, place));
    else if (isMap(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key === "$ref" && typeof item === "string") {
          const target = resolver.resolve(item, place);
          if (target && target.place.file !== place.file) referenced.add(target.place.file);
        } else visit(item, place);
      }
    }
  };
  for (const file of files) visit(file.value, { file: file.path, pointer: "" });
  for (const file of files) {
    if (referenced.has(file.path)) continue;
    const segments = file.path.split("/");
    const folderName = segments.length > 1 ? segments[segments.length - 2] : undefined;
    const place = { file: file.path, pointer: "" };
    leaf(file.value, place, folderName ?? nameFromId(file.value, place) ?? path.posix.basename(file.path).replace(/\.schema\.json$|\.json$/, "").split(/[.$]/)[0]);
  }
  return variants;
}

/** The action a variant pins: `const` or a one-value `enum` on the action field. */
function actionOf(schema: JsonMap, place: SchemaPlace, resolver: SchemaResolver, field: string, depth = 0): string | undefined {
  // Alternatives of one action (a payload in two forms) name it in every branch.
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (branches && depth < 8) {
    const actions = branches.map((branch) => {
      const target = isMap(branch) && typeof branch.$ref === "string" ? resolver.resolve(branch.$ref, place) : { schema: branch, place };
      return target && isMap(target.schema) ? actionOf(target.schema, target.place, resolver, field, depth + 1) : undefined;
    });
    if (actions.length > 0 && actions.every((action) => action !== undefined && action === actions[0])) return actions[0];
  }
  const properties = collectProperties(schema, place, resolver, 0);
  let property = properties[field];
  for (let depth = 0; isMap(property) && typeof property.$ref === "string" && depth < 8; depth++) property = resolver.resolve(property.$ref, place)?.schema;
  if (!isMap(property)) return undefined;
  if (typeof property.const === "string") return property.const;
  if (Array.isArray(property.enum) && property.enum.length === 1 && typeof property.enum[0] === "string") return property.enum[0];
  return undefined;
}

function collectProperties(schema: Json, place: SchemaPlace, resolver: SchemaResolver, depth: number): JsonMap {
  if (!isMap(schema) || depth > 16) return {};
  if (typeof schema.$ref === "string") {
    const target = resolver.resolve(schema.$ref, place);
    return target ? collectProperties(target.schema, target.place, resolver, depth + 1) : {};
  }
  const own = isMap(schema.properties) ? schema.properties : {};
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map((part) => collectProperties(part, place, resolver, depth + 1)) : [];
  return Object.assign({}, ...parts, own) as JsonMap;
}

/** `issues_event` or `IssuesEvent` (a definition key) → `issues`. */
function eventFromKey(place: SchemaPlace): string | undefined {
  const key = /\/(?:definitions|\$defs)\/([^/]+)$/.exec(place.pointer)?.[1];
  if (!key) return undefined;
  if (key.includes("$")) return key.split("$")[0];
  return key.replace(/(?:_event|Event|_payload|Payload)$/, "");
}

/** `issues$opened` (an `$id` or definition key) → `issues`. */
function nameFromId(schema: Json, place: SchemaPlace): string | undefined {
  const key = /\/(?:definitions|\$defs)\/([^/]+)$/.exec(place.pointer)?.[1];
  if (key) return eventFromKey(place);
  if (isMap(schema) && typeof schema.$id === "string" && /^[A-Za-z0-9_.-]+\$[A-Za-z0-9_.-]+$/.test(schema.$id)) return schema.$id.split("$")[0];
  return undefined;
}

/** `issues opened event` → `issues`. */
function nameFromTitle(schema: Json, action: string | undefined): string | undefined {
  if (!isMap(schema) || typeof schema.title !== "string") return undefined;
  let title = schema.title.trim().replace(/\s+event$/i, "");
  if (action !== undefined && title.endsWith(` ${action}`)) title = title.slice(0, -action.length - 1);
  return title.replace(/\s+/g, "_") || undefined;
}
