import { markdownCode, markdownCodeCell } from "../../emit/escape.js";
import type { Finding } from "../findings.js";
import { findingSection } from "../write-report.js";
import type { AsyncApiDocument } from "./asyncapi-document.js";
import type { ShapeChoice } from "./detect-shape.js";

const SECTIONS: { title: string; intro: string; select: (finding: Finding) => boolean }[] = [
  { title: "Input left out", intro: "These messages could not become events; everything else was imported.", select: (finding) => finding.severity === "error" },
  { title: "Not expressible in the spec format", intro: "Schema constructs the spec format has no words for. Each says what was kept instead; nothing else was dropped.", select: (finding) => finding.severity === "warning" && finding.rule !== "import/invalid-example" && finding.rule !== "import/envelope-shape" },
  { title: "Example values that contradict the spec", intro: "Each example below fails the imported spec; it is kept and marked `knownInvalid`, which `generate` reports as a warning.", select: (finding) => finding.rule === "import/invalid-example" },
  { title: "Guesses to review", intro: "Names and texts the importer made up where the document had none.", select: (finding) => finding.severity === "guess" },
];

/** import-report.md for an AsyncAPI import: counts, then every finding by section with its JSON pointer. */
export function renderAsyncApiReport(props: { document: AsyncApiDocument; choice: ShapeChoice; events: { key: string; wireName: string; file: string; knownInvalid: number }[]; findings: readonly Finding[] }): string {
  const { findings, events } = props;
  const lines = [
    "# AsyncAPI import report",
    "",
    `Imported from ${markdownCode(props.document.file)} (AsyncAPI ${markdownCode(props.document.version)}) by \`eventspec import asyncapi\`: ${events.length} event${events.length === 1 ? "" : "s"}.`,
    "Positions are JSON pointers into the input document.",
    "",
    "| what | count |",
    "| --- | --- |",
    ...SECTIONS.map((section) => `| ${section.title} | ${findings.filter(section.select).length} |`),
    "",
  ];
  lines.push(...shapeSection(props.choice));
  for (const section of SECTIONS) lines.push(...findingSection(section.title, section.intro, findings.filter(section.select)));
  if (events.length > 0) {
    lines.push("## Events", "", "| event | message name | spec file | examples marked `knownInvalid` |", "| --- | --- | --- | --- |");
    for (const event of events) lines.push(`| ${markdownCodeCell(event.key)} | ${markdownCodeCell(event.wireName)} | ${markdownCodeCell(event.file)} | ${event.knownInvalid} |`);
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** The envelope shape the importer chose, the evidence for it, and where the name travels. */
function shapeSection(choice: ShapeChoice): string[] {
  const where = choice.shape === "flat" ? `The top-level member ${markdownCode(choice.discriminator ?? "type")} names each event.` : choice.nameHeader ? `The header ${markdownCode(choice.nameHeader)} names each event (\`envelope.nameHeader\`).` : choice.shape === "external" ? `The name travels outside the payload: ${choice.nameFrom ?? "given by the caller"} (\`envelope.nameFrom\`).` : "";
  return ["## Envelope shape", "", `${markdownCode(choice.shape)}. ${choice.evidence}${where ? ` ${where}` : ""}`, ""];
}
