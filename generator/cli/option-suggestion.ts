import { closestMatch } from "../check/suggest.js";

/**
 * node:util's parseArgs says "Unknown option '--chek'"; add the option the user most likely meant,
 * from the options the command defines.
 */
export function unknownOptionHint(message: string, options: Iterable<string>): string {
  const unknown = /Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (unknown === undefined) return "";
  const match = closestMatch(unknown.replace(/^-+/, "").split("=")[0]!, options);
  return match === undefined ? "" : `\nDid you mean \`--${match}\`?`;
}
