// A spec folder turned into everything the differential tests compare: the catalog (IR), the
// generated validators module (written to a temporary folder and imported), and Ajv compiled
// from the generated JSON Schema files.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { validateExample } from "../../generator/check/check-examples.js";
import type { Catalog, EventDefinition } from "../../generator/model/ir.js";
import { buildOutputs } from "../../generator/pipeline.js";
import * as runtime from "../../generator/runtime/runtime.js";
import { isUriReference } from "../../generator/kinds/uri-reference.js";
import { mapJson } from "./arbitraries.js";

const require = createRequire(import.meta.url);
const addFormats = require("ajv-formats") as (ajv: Ajv2020) => Ajv2020;

export const REPO = path.resolve(import.meta.dirname, "..", "..");
export const SHIPPED_SPEC = path.join(REPO, "spec");
export const KINDS_SPEC = path.join(REPO, "test", "fixtures", "kinds-spec");

export interface ValidationErrorLike {
  path: string;
  keyword: string;
  expected: string;
  received: string;
  message: string;
}

export type ResultLike = { ok: true; value: unknown } | { ok: false; errors: ValidationErrorLike[] };

/** The generated validators module, loosely typed: its per-event names depend on the spec. */
export interface GeneratedValidators {
  EVENT_NAMES: readonly string[];
  isEvent(input: unknown): boolean;
  isEventName(input: unknown): boolean;
  parseEvent(input: unknown): (ResultLike & { name: string | undefined }) | { ok: true; name: string; value: unknown };
  parseEventJson(text: string): ResultLike & { name?: string | undefined };
  routeEvent<R>(input: unknown, handlers: Record<string, (event: unknown) => R>, onInvalid: (errors: ValidationErrorLike[], name: string | undefined) => R): R;
  [name: string]: unknown;
}

export interface GeneratedRuntime {
  timestampToEpochMilliseconds(text: string): number;
  timestampToDate(text: string): Date;
  isDateTime(text: string): boolean;
  [name: string]: unknown;
}

export interface EventSubject {
  event: EventDefinition;
  guard: (input: unknown) => boolean;
  validate: (input: unknown) => ResultLike;
  /** Ajv's verdict on the input (see `forAjv` for the one key it cannot see). */
  ajv: (input: unknown) => boolean;
  /** Ajv with allErrors: its errors, with pointers as ours write them. */
  ajvErrorPaths: (input: unknown) => Set<string>;
}

export interface Subject {
  label: string;
  catalog: Catalog;
  folder: string;
  validators: GeneratedValidators;
  runtime: GeneratedRuntime;
  events: Map<string, EventSubject>;
  /** The interpreted check of one event (the generator's own oracle, used on spec examples). */
  interpret(event: EventDefinition, input: unknown): ValidationErrorLike[];
}

/**
 * Ajv ignores schema properties named `__proto__` on purpose (`allSchemaProperties` drops them,
 * a guard against prototype pollution): it neither checks their values nor counts them as
 * declared under `additionalProperties: false`. JSON Schema has no such exception, and neither
 * do our validators, so Ajv judges a renamed copy: the key becomes this stand-in in the schema
 * and in the input, and back in error pointers.
 */
export const PROTO_STAND_IN = "__eventspec_proto_stand_in__";

const renameProto = (key: string) => (key === "__proto__" ? PROTO_STAND_IN : key);

/** A copy of an input with every `__proto__` key renamed to the stand-in. */
export function forAjv(input: unknown): unknown {
  return mapJson(input, renameProto);
}

/** A copy of a schema with every `__proto__` property (and `required` entry) renamed to the stand-in. */
function schemaForAjv(schema: unknown): Record<string, unknown> {
  return mapJson(schema, renameProto, (item, parentKey) => (parentKey === "required" && item === "__proto__" ? PROTO_STAND_IN : item)) as Record<string, unknown>;
}

/**
 * How Ajv reads formats in these tests. ajv-formats stays the independent judge wherever its
 * definition, together with the `pattern` our schema emits next to it, means exactly what ours
 * does: `date-time` (the calendar and leap-second rules), `date`, `ipv4`, `uuid`. For `email`,
 * `uri` and `ipv6` its definitions differ from ours on purpose (ours: a dotted host name and no
 * quoted local parts; any scheme with no characters a URI never holds; no zone id), so Ajv is
 * given our runtime functions for those, and `isIpv6` is compared with ajv-formats' on its own
 * in formats.test.ts. `time-zone` is no `format` in the schema: it is a `pattern` and `maxLength`.
 */
export function createAjv(allErrors: boolean): Ajv2020 {
  // verbose (with allErrors): errors carry their parent schema, which ajvErrorPaths reads for unions.
  const ajv = new Ajv2020({ allErrors, verbose: allErrors, ownProperties: true, strict: true, strictTypes: false });
  addFormats(ajv);
  ajv.addFormat("email", runtime.isEmail);
  ajv.addFormat("uri", runtime.isUri);
  ajv.addFormat("ipv6", runtime.isIpv6);
  // ajv-formats' uri-reference accepts a colon in a relative reference's first segment (`::`),
  // which RFC 3986 §4.2 excludes; the CloudEvents conformance test compares with the SDK instead.
  ajv.addFormat("uri-reference", isUriReference);
  return ajv;
}

/** Generates `specDir` into a fresh temporary folder and loads every piece. */
export async function loadSubject(specDir: string, label: string): Promise<Subject> {
  const result = await buildOutputs({ specDir });
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (!result.files || !result.catalog || errors.length > 0) {
    throw new Error(`${label}: the spec does not generate: ${JSON.stringify(errors.slice(0, 3))}`);
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), "eventspec-validators-"));
  await writeFile(path.join(folder, "package.json"), '{ "type": "module" }\n');
  for (const file of result.files) {
    await mkdir(path.dirname(path.join(folder, file.path)), { recursive: true });
    await writeFile(path.join(folder, file.path), file.content);
  }
  const validators = (await import(pathToFileURL(path.join(folder, "validators.ts")).href)) as GeneratedValidators;
  const generatedRuntime = (await import(pathToFileURL(path.join(folder, "runtime.ts")).href)) as GeneratedRuntime;
  const ajvBoolean = createAjv(false);
  const ajvAll = createAjv(true);
  const catalog = result.catalog;
  const events = new Map<string, EventSubject>();
  for (const event of catalog.events) {
    const schema = JSON.parse(await readFile(path.join(folder, "schema", `${event.name}.schema.json`), "utf8")) as Record<string, unknown>;
    const boolean = ajvBoolean.compile(schemaForAjv(schema));
    const all = ajvAll.compile(schemaForAjv(schema));
    events.set(event.name, {
      event,
      guard: validators[`is${event.identifier}`] as (input: unknown) => boolean,
      validate: validators[`validate${event.identifier}`] as (input: unknown) => ResultLike,
      ajv: (input) => boolean(forAjv(input)),
      ajvErrorPaths: (input) => {
        all(forAjv(input));
        return new Set([...ajvErrorPaths(all.errors)].map((path) => path.split(`/${PROTO_STAND_IN}`).join("/__proto__")));
      },
    });
  }
  return {
    label,
    catalog,
    folder,
    validators,
    runtime: generatedRuntime,
    events,
    interpret: (event, input) => validateExample(catalog, event, input),
  };
}

/** RFC 6901 segment escaping. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Where each Ajv error points, as our validators point: at the missing or extra property itself.
 * A value that matches no alternative of a union is one error at the union, by design (which
 * alternative was meant is a guess): Ajv's errors from inside the alternatives are dropped.
 */
export function ajvErrorPaths(errors: readonly ErrorObject[] | null | undefined): Set<string> {
  const paths = new Set<string>();
  const unions = (errors ?? []).filter((error) => error.keyword === "anyOf" && isUnionSchema(error.parentSchema)).map((error) => `${error.instancePath}/`);
  for (const error of errors ?? []) {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const path =
      error.keyword === "required" && params.missingProperty !== undefined ? `${error.instancePath}/${pointerSegment(params.missingProperty)}`
      : error.keyword === "additionalProperties" && params.additionalProperty !== undefined ? `${error.instancePath}/${pointerSegment(params.additionalProperty)}`
      : error.instancePath;
    if (!unions.some((prefix) => path.startsWith(prefix))) paths.add(path);
  }
  return paths;
}

/** An anyOf of two or more alternatives besides null: a union, not just a nullable type. */
function isUnionSchema(schema: unknown): boolean {
  const branches = (schema as { anyOf?: { type?: unknown }[] } | undefined)?.anyOf;
  return Array.isArray(branches) && branches.filter((branch) => branch.type !== "null").length >= 2;
}

/** The value a JSON pointer names in `root`, and whether it exists. */
export function resolvePointer(root: unknown, pointer: string): { found: boolean; value: unknown; parent: unknown; key: string | undefined } {
  if (pointer === "") return { found: true, value: root, parent: undefined, key: undefined };
  const segments = pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  let current: unknown = root;
  let parent: unknown = undefined;
  for (const segment of segments) {
    parent = current;
    if (Array.isArray(current) && /^(?:0|[1-9][0-9]*)$/.test(segment) && Number(segment) < current.length) current = current[Number(segment)];
    else if (current !== null && typeof current === "object" && !Array.isArray(current) && Object.prototype.hasOwnProperty.call(current, segment)) current = (current as Record<string, unknown>)[segment];
    else return { found: false, value: undefined, parent, key: segment };
  }
  return { found: true, value: current, parent, key: segments.at(-1) };
}
