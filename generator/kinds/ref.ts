import { code, identifier } from "../emit/code.js";
import type { RefType } from "../model/ir.js";
import type { KindRules } from "./context.js";
import { collectOf, expectedOf, guardOf, interpretOf } from "./index.js";

/**
 * A field typed with a named type. Emitted code calls the named type's own `is…`/`collect…`
 * helper, so every use shares one implementation.
 */
export const refRules: KindRules<RefType> = {
  typescript: (type) => type.name,
  jsonSchema: (type) => ({ $ref: `#/$defs/${type.name}` }),
  expected(type, resolver) {
    const target = resolver.resolve(type.name);
    return target ? `${type.name} (${expectedOf(target.type, resolver)})` : type.name;
  },
  guard(type, value, context) {
    return code`${namedGuard(type.name, context)}(${value})`;
  },
  collect(type, value, path, context) {
    return code`${namedCollector(type.name, context)}(${value}, ${path}, errors);`;
  },
  interpret(type, value, path, context) {
    const target = context.resolver.resolve(type.name);
    if (target) interpretOf(target.type, value, path, context);
  },
};

export function namedGuard(name: string, context: Parameters<KindRules<RefType>["guard"]>[2]) {
  return context.helper(`guard:type:${name}`, `is${name}`, (helperName) => {
    const target = context.resolver.resolve(name)!;
    return code`function ${helperName}(value: unknown): boolean {\n  return ${guardOf(target.type, identifier("value"), context, name)};\n}\n`;
  });
}

export function namedCollector(name: string, context: Parameters<KindRules<RefType>["guard"]>[2]) {
  return context.helper(`collect:type:${name}`, `collect${name}`, (helperName) => {
    const target = context.resolver.resolve(name)!;
    return code`function ${helperName}(value: unknown, path: string, errors: ValidationError[]): void {\n${collectOf(target.type, identifier("value"), identifier("path"), context, name)}\n}\n`;
  });
}
