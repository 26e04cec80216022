import { Document, isScalar, visit } from "yaml";
import { hasInvisible, showInvisible } from "./escape.js";

/**
 * Plain data as a YAML file with a comment banner. Strings are written by yaml's Document API, so
 * a value that looks like a number, a boolean or a comment stays a string. A string holding an
 * invisible character is double-quoted, where `\uXXXX` is its escape, and then shown that way.
 * Written with YAML 1.1's rules for plain scalars, so `2020-01-01`, `yes` and `0x1F` are quoted and
 * stay strings for YAML 1.1 readers (js-yaml, PyYAML) as well as 1.2 ones.
 */
export function yamlDocument(value: unknown, banner: readonly string[]): string {
  const document = new Document(value, { aliasDuplicateObjects: false, version: "1.1" });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && hasInvisible(node.value)) node.type = "QUOTE_DOUBLE";
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && hasInvisible(pair.key.value)) pair.key.type = "QUOTE_DOUBLE";
    },
  });
  const text = document.toString({ lineWidth: 0, minContentWidth: 0 });
  const comment = banner.map((line) => `# ${line.replace(/[\r\n\u2028\u2029]+/g, " ")}`).join("\n");
  return `${comment}\n${showInvisible(text)}`;
}
