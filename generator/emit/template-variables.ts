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
  const shapeOf = shapeReader();
  const helpers = shapeOf(Object.fromEntries(TEMPLATE_HELPERS.map((name) => [name, true])));
  for (const job of jobs) shapes.set(job.template, merge(shapes.get(job.template) ?? helpers, shapeOf(job.data)));
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
 * The shape of a value. Every page's data spreads the same catalog view, so shapes are remembered
 * by object identity: the view is walked once, not once per page.
 */
function shapeReader(): (value: unknown) => Shape {
  const known = new WeakMap<object, Shape>();
  const shapeOf = (value: unknown): Shape => {
    if (value === null || typeof value !== "object") return { kind: "value" };
    const remembered = known.get(value);
    if (remembered) return remembered;
    const shape: Shape = Array.isArray(value)
      ? { kind: "list", item: value.reduce<Shape | undefined>((merged, item) => merge(merged, shapeOf(item)), undefined) ?? { kind: "unknown" } }
      : { kind: "map", keys: new Map(Object.entries(value).map(([key, child]) => [key, shapeOf(child)])) };
    known.set(value, shape);
    return shape;
  };
  return shapeOf;
}

function merge(a: Shape | undefined, b: Shape): Shape {
  if (a === undefined || a.kind === "unknown") return b;
  if (b.kind === "unknown") return a;
  if (a.kind === "map" && b.kind === "map") {
    const keys = new Map(a.keys);
    for (const [key, child] of b.keys) keys.set(key, merge(keys.get(key), child));
    return { kind: "map", keys };
  }
  if (a.kind === "list" && b.kind === "list") return { kind: "list", item: merge(a.item, b.item) };
  return a;
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
  const shapeOf = shapeReader();
  for (const job of renderJobs(catalog)) shapes.set(job.template, merge(shapes.get(job.template), shapeOf(job.data)));
  const flatten = (shape: Shape, prefix: string): string[] => {
    if (shape.kind === "map") return [...shape.keys].flatMap(([key, child]) => [`${prefix}${key}`, ...flatten(child, `${prefix}${key}${child.kind === "list" ? "[]" : ""}.`)]);
    if (shape.kind === "list") return flatten(shape.item, prefix);
    return [];
  };
  return Object.fromEntries([...shapes].map(([name, shape]) => [name, flatten(shape, "").sort()])) as Record<keyof Templates, string[]>;
}
