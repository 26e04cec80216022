import { markdownCode, markdownParagraphs } from "../emit/escape.js";
import type { SchemaChange } from "./compare-schemas.js";

export interface Changelog {
  base: string;
  head: string;
  changes: SchemaChange[];
}

/** A Markdown changelog for a pull-request comment: a count, then each changed event with its changes, breaking ones first. */
export function changelogMarkdown(log: Changelog): string {
  const breaking = log.changes.filter((change) => change.breaking).length;
  const other = log.changes.length - breaking;
  const lines = [`## Event changes: ${markdownCode(log.base)} → ${markdownCode(log.head)}`, ""];
  if (log.changes.length === 0) return `${[...lines, "No event changed."].join("\n")}\n`;
  const events = [...new Set(log.changes.map((change) => change.event))];
  lines.push(`${count(breaking, "breaking change")}, ${count(other, "other change")}, in ${count(events.length, "event")}.`);
  for (const event of events) {
    const changes = log.changes.filter((change) => change.event === event);
    const status = changes.some((change) => change.kind === "event-removed") ? " (removed)" : changes.some((change) => change.kind === "event-added") ? " (new)" : "";
    lines.push("", `### ${markdownCode(event)}${status}`, "");
    for (const change of [...changes.filter((change) => change.breaking), ...changes.filter((change) => !change.breaking)]) {
      lines.push(`- ${change.breaking ? "⚠️ **Breaking:** " : ""}${markdownParagraphs(change.message).replace(/\n\n/g, " ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function changelogJson(log: Changelog): string {
  const breaking = log.changes.filter((change) => change.breaking).length;
  return `${JSON.stringify({ base: log.base, head: log.head, breaking, changes: log.changes }, null, 2)}\n`;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}
