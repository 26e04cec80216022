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
  const absorb = shapeAccumulator();
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
 * fold of all its items; where kinds disagree, the first one seen stays. Shapes grow in place, and
 * an object already folded into a shape is not walked again: every page's data spreads the same
 * catalog view, which is then walked once, not once per page.
 */
function shapeAccumulator(): (shape: Shape | undefined, value: unknown) => Shape {
  // The shape each object was last folded into: folding is idempotent, so this only saves walks.
  const folded = new WeakMap<object, Shape>();
  const firstTime = (value: object, shape: Shape) => folded.get(value) !== shape && Boolean(folded.set(value, shape));
  // A plain value adds nothing to a shape already known (most of a view is text).
  const settled = (shape: Shape | undefined, value: unknown) => shape !== undefined && shape.kind !== "unknown" && (value === null || typeof value !== "object");
  const absorb = (shape: Shape | undefined, value: unknown): Shape => {
    const open = shape === undefined || shape.kind === "unknown";
    if (value === null || typeof value !== "object") return open ? { kind: "value" } : shape;
    if (Array.isArray(value)) {
      if (!open && shape.kind !== "list") return shape;
      const list: Shape = !open && shape.kind === "list" ? shape : { kind: "list", item: { kind: "unknown" } };
      if (list.kind === "list" && firstTime(value, list)) for (const item of value) if (!settled(list.item, item)) list.item = absorb(list.item, item);
      return list;
    }
    if (!open && shape.kind !== "map") return shape;
    const map: Shape = !open && shape.kind === "map" ? shape : { kind: "map", keys: new Map() };
    if (map.kind === "map" && firstTime(value, map)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const child = (value as Record<string, unknown>)[key];
        const current = map.keys.get(key);
        if (!settled(current, child)) map.keys.set(key, absorb(current, child));
      }
    }
    return map;
  };
  return absorb;
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
  const absorb = shapeAccumulator();
  for (const job of renderJobs(catalog)) shapes.set(job.template, absorb(shapes.get(job.template), job.data));
  const flatten = (shape: Shape, prefix: string): string[] => {
    if (shape.kind === "map") return [...shape.keys].flatMap(([key, child]) => [`${prefix}${key}`, ...flatten(child, `${prefix}${key}${child.kind === "list" ? "[]" : ""}.`)]);
    if (shape.kind === "list") return flatten(shape.item, prefix);
    return [];
  };
  return Object.fromEntries([...shapes].map(([name, shape]) => [name, flatten(shape, "").sort()])) as Record<keyof Templates, string[]>;
}
