import type { ValidationError } from "../../runtime/runtime.js";
import { code, type Finding } from "../findings.js";
import type { SpecNode } from "./convert-schema.js";

/**
 * Evidence over the schema: a published schema often says more than its producer keeps to (a
 * `format` that real timestamps miss, an enum that lacks a value, a field that is sometimes null
 * or absent). When a real example breaks such a constraint, the constraint is relaxed where the
 * spec declares it (on the field, or on the named type it refers to), and the change is reported.
 * A value of the wrong type is never papered over: that example stays rejected.
 */
export function widenForExample(props: {
  fields: Record<string, SpecNode>[];
  types: Map<string, SpecNode>;
  error: ValidationError;
  where: { file: string; pointer: string };
  findings: Finding[];
}): boolean {
  const { fields, types, error, where, findings } = props;
  const segments = error.path
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments.length === 0) return false;
  const named = (node: SpecNode): SpecNode | undefined => (typeof node.type === "string" ? types.get(node.type) : undefined);
  // Walk to the field (or array items) the error is about.
  let scopes: Record<string, SpecNode>[] = fields;
  let node: SpecNode | undefined;
  let owner = "";
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (node !== undefined) {
      const target = named(node) ?? node;
      if (target.type === "array" && /^[0-9]+$/.test(segment)) {
        node = target.items as SpecNode;
        continue;
      }
      scopes = target.type === "object" && target.fields ? [target.fields as Record<string, SpecNode>] : [];
    }
    const scope = scopes.find((candidate) => Object.prototype.hasOwnProperty.call(candidate, segment));
    if (!scope) return false;
    node = scope[segment]!;
    owner = segments.slice(0, index + 1).join("/");
  }
  if (!node) return false;
  const target = named(node) ?? node;
  const report = (message: string) =>
    findings.push({ rule: "import/widened-by-example", severity: "guess", file: where.file, pointer: `${where.pointer}${error.path}`, message: `${message} (the schema said ${code(error.expected)}; this example has ${code(error.received)}).` });
  if (error.keyword === "required") {
    if (node.required === false) return false;
    node.required = false;
    report(`${code(owner)} is made optional: a real example lacks it`);
    return true;
  }
  if (error.received === "null") {
    if (node.nullable === true) return false;
    node.nullable = true;
    report(`${code(owner)} is made nullable: a real example holds null`);
    return true;
  }
  switch (error.keyword) {
    case "format":
    case "pattern":
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minItems":
    case "maxItems": {
      const holder = target[error.keyword] !== undefined ? target : node;
      if (holder[error.keyword] === undefined) return false;
      delete holder[error.keyword];
      report(`The ${code(error.keyword)} of ${code(owner)} is dropped: a real example does not keep to it`);
      return true;
    }
    case "enum":
    case "const": {
      const holder = target.type === "enum" || target.type === "const" ? target : node;
      if (holder.type !== "enum" && holder.type !== "const") return false;
      if (typeof error.received !== "string" || !error.received.startsWith("string ")) return false;
      delete holder.values;
      delete holder.value;
      holder.type = "string";
      report(`${code(owner)} becomes a plain string: a real example holds a value the schema does not list`);
      return true;
    }
    default:
      return false;
  }
}
