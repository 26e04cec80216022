/**
 * Re-indents generated JavaScript by brace depth, two spaces a level. The emitters build code from
 * fragments without tracking indentation; this pass gives it the shape a person would write.
 * Strings ("…", `…`) and comments are skipped when counting, so spec text cannot shift it.
 */
export function reindent(source: string): string {
  let depth = 0;
  let inBlockComment = false;
  const out: string[] = [];
  for (const rawLine of source.split("\n")) {
    const line = rawLine.trim();
    if (line === "") {
      out.push("");
      continue;
    }
    const { closesFirst, net, endsInComment } = scan(line, inBlockComment);
    const lineDepth = Math.max(0, inBlockComment ? depth : depth - closesFirst);
    const continuation = inBlockComment && line.startsWith("*") ? " " : "";
    out.push(`${"  ".repeat(lineDepth)}${continuation}${line}`);
    depth = Math.max(0, depth + net);
    inBlockComment = endsInComment;
  }
  return out.join("\n");
}

function scan(line: string, startsInComment: boolean) {
  let inComment = startsInComment;
  let quote: string | undefined;
  let net = 0;
  let closesFirst = 0;
  let seenOther = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (inComment) {
      if (character === "*" && line[index + 1] === "/") {
        inComment = false;
        index++;
      }
      continue;
    }
    if (quote) {
      if (character === "\\") index++;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === "/" && line[index + 1] === "/") break;
    if (character === "/" && line[index + 1] === "*") {
      inComment = true;
      index++;
      continue;
    }
    if (character === '"' || character === "'" || character === "`") {
      quote = character;
      seenOther = true;
    } else if (character === "{" || character === "(" || character === "[") {
      net++;
      seenOther = true;
    } else if (character === "}" || character === ")" || character === "]") {
      net--;
      if (!seenOther) closesFirst++;
    } else if (character !== " ") {
      seenOther = true;
    }
  }
  return { closesFirst, net, endsInComment: inComment };
}
