import path from "node:path";
import Mustache from "mustache";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import type { Catalog } from "../model/ir.js";
import { editDistance } from "../check/suggest.js";
import { lineColumn, renderJobs, TEMPLATE_HELPERS, type RenderJob, type Templates } from "./emit-docs.js";

/** What a name can lead to: a map of names, a list of such, a plain value, or unknown (an empty list's items). */
type Shape = { kind: "map"; keys: Map<string, Shape> } | { kind: "list"; item: Shape } | { kind: "value" } | { kind: "unknown" };

/**
 * Mustache renders a misspelt `{{group.descripton}}` as nothing. Every name a template uses is
 * resolved against the data that template is rendered with (all pages of it together), the way
 * Mustache looks names up through its section stack; one it cannot reach is a warning at its
 * line:column, with "did you mean" from the names in reach.
 */
export function checkTemplateVariables(jobs: readonly RenderJob[], templates: Templates, directory: string): Diagnostic[] {
  const shapes = new Map<keyof Templates, Shape>();
  // Helpers such as {{#code}} wrap text and keep the names around them in reach.
  for (const job of jobs) shapes.set(job.template, absorb(shapes.get(job.template) ?? absorb(undefined, Object.fromEntries(TEMPLATE_HELPERS.map((name) => [name, true]))), job.data));
  const diagnostics: Diagnostic[] = [];
  for (const [name, shape] of shapes) {
    const text = templates[name];
    const walk = (tokens: unknown[][], stack: Shape[]) => {
      for (const token of tokens) {
        const [type, value, start] = token as [string, string, number];
        if (!["name", "&", "#", "^"].includes(type)) continue;
        const resolved = resolve(stack, value);
        if (resolved === undefined) {
          const { line, column } = lineColumn(text, start);
          const near = nearestName(stack, value);
          diagnostics.push({
            ...diagnosticForFile(path.join(directory, name), "templates/unknown-variable", `\`${value}\` is not a variable here, so it renders as nothing.`, `${near ? `Did you mean \`${near}\`${/(Markdown|Cell)$/.test(near) ? " (already Markdown: print it with {{{…}}})" : ""}? ` : ""}docs/templates.md lists the variables each template sees.`, line, column),
            severity: "warning",
            endColumn: column + String(value).length + 4,
          });
          continue;
        }
        if (type === "#") walk((token[4] as unknown[][]) ?? [], resolved.kind === "list" ? [...stack, resolved.item] : resolved.kind === "map" ? [...stack, resolved] : stack);
        if (type === "^") walk((token[4] as unknown[][]) ?? [], stack);
      }
    };
    walk(Mustache.parse(text) as unknown as unknown[][], [shape]);
  }
  return diagnostics;
}

/**
 * Folds values into shapes: a map's keys are the union of all its values' keys, a list's item the
 * fold of all its items; where kinds disagree, the first one seen stays. An object's own shape is
 * worked out once and kept with it (shapes never change once made; a fold makes new ones): every
 * page's data spreads the same catalog view, and `--watch` keeps each event's view between runs,
 * so a run folds the shapes of views it has seen before instead of walking them.
 */
function absorb(shape: Shape | undefined, value: unknown): Shape {
  return merge(shape, shapeOf(value));
}

const VALUE: Shape = { kind: "value" };
const UNKNOWN: Shape = { kind: "unknown" };
const shapesOfObjects = new WeakMap<object, Shape>();

function shapeOf(value: unknown): Shape {
  if (value === null || typeof value !== "object") return VALUE;
  let shape = shapesOfObjects.get(value);
  if (shape) return shape;
  if (Array.isArray(value)) {
    let item: Shape = UNKNOWN;
    for (const element of value) item = merge(item, shapeOf(element));
    shape = { kind: "list", item };
  } else {
    // A new shape, not yet seen by anyone: filled in place.
    const keys = new Map<string, Shape>();
    for (const key in value) if (Object.hasOwn(value, key)) keys.set(key, merge(keys.get(key), shapeOf((value as Record<string, unknown>)[key])));
    shape = { kind: "map", keys };
  }
  shapesOfObjects.set(value, shape);
  return shape;
}

/** `into` with `shape` folded in: `into` itself when that adds nothing, else a new shape. */
function merge(into: Shape | undefined, shape: Shape): Shape {
  if (into === undefined || into.kind === "unknown") return shape;
  if (shape.kind === "unknown" || into.kind !== shape.kind || into === shape) return into;
  if (into.kind === "list" && shape.kind === "list") {
    const item = merge(into.item, shape.item);
    return item === into.item ? into : { kind: "list", item };
  }
  if (into.kind === "map" && shape.kind === "map") {
    let keys: Map<string, Shape> | undefined;
    for (const [key, child] of shape.keys) {
      const current = (keys ?? into.keys).get(key);
      const merged = merge(current, child);
      if (merged !== current) (keys ??= new Map(into.keys)).set(key, merged);
    }
    return keys ? { kind: "map", keys } : into;
  }
  return into;
}

/** Mustache's lookup: the first segment through the stack (innermost first), the rest by descent. */
function resolve(stack: readonly Shape[], name: string): Shape | undefined {
  if (name === ".") return stack.at(-1);
  const [first, ...rest] = name.split(".");
  for (let index = stack.length - 1; index >= 0; index--) {
    const frame = stack[index]!;
    if (frame.kind === "unknown") return { kind: "unknown" };
    if (frame.kind !== "map" || !frame.keys.has(first!)) continue;
    let current: Shape = frame.keys.get(first!)!;
    for (const segment of rest) {
      if (current.kind === "unknown") return current;
      if (current.kind !== "map" || !current.keys.has(segment)) return undefined;
      current = current.keys.get(segment)!;
    }
    return current;
  }
  return undefined;
}

function nearestName(stack: readonly Shape[], name: string): string | undefined {
  const segments = name.split(".");
  const parent = segments.length > 1 ? resolve(stack, segments.slice(0, -1).join(".")) : undefined;
  const prefix = segments.length > 1 ? `${segments.slice(0, -1).join(".")}.` : "";
  const candidates = parent?.kind === "map" ? [...parent.keys.keys()] : stack.flatMap((frame) => (frame.kind === "map" ? [...frame.keys.keys()] : []));
  const last = segments.at(-1)!;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(last.length / 3)) + 1;
  for (const candidate of candidates.sort()) {
    // `{{description}}` means `descriptionMarkdown`: compare with the suffix left off too.
    const bare = candidate.replace(/(Markdown|Cell)$/, "");
    const distance = Math.min(editDistance(last.toLowerCase(), candidate.toLowerCase()), editDistance(last.toLowerCase(), bare.toLowerCase()));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? undefined : `${prefix}${best}`;
}

/** Every variable each template can use, as `a.b` paths with `[]` for list items: docs/templates.md is checked against it. */
export function templateVariablePaths(catalog: Catalog): Record<keyof Templates, string[]> {
  const shapes = new Map<keyof Templates, Shape>();
  for (const job of renderJobs(catalog)) shapes.set(job.template, absorb(shapes.get(job.template), job.data));
  const flatten = (shape: Shape, prefix: string): string[] => {
    if (shape.kind === "map") return [...shape.keys].flatMap(([key, child]) => [`${prefix}${key}`, ...flatten(child, `${prefix}${key}${child.kind === "list" ? "[]" : ""}.`)]);
    if (shape.kind === "list") return flatten(shape.item, prefix);
    return [];
  };
  return Object.fromEntries([...shapes].map(([name, shape]) => [name, flatten(shape, "").sort()])) as Record<keyof Templates, string[]>;
}
