import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Writes a webhook-style catalog of the external shape: `eventCount` events with `actionCount`
 * actions each (each action an event of its own), sharing named types nested `depth` levels deep,
 * nullable fields throughout. The scale check for envelope shapes and compound names:
 * `node --import tsx bench/shaped-catalog.ts <dir> [events] [actions] [depth]`, then generate it.
 */
export async function writeShapedCatalog(directory: string, eventCount = 300, actionCount = 4, depth = 6): Promise<void> {
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  const types: string[] = [];
  for (let level = depth - 1; level >= 0; level--) {
    types.push(
      `  Level${level}:`,
      `    type: object`,
      `    description: Shared definition at depth ${level}.`,
      `    fields:`,
      `      id: { type: integer, description: The id. }`,
      `      name: { type: string, nullable: true, description: The name. }`,
      `      updated_at: { type: string, format: date-time, nullable: true, description: When it changed. }`,
      `      state: { type: enum, values: { open: Open., closed: Closed. }, description: The state. }`,
      ...(level < depth - 1 ? [`      child: { type: Level${level + 1}, nullable: true, description: The next level. }`, `      children: { type: array, items: Level${level + 1}, description: More of the next level. }`] : []),
    );
  }
  await writeFile(
    path.join(directory, "catalog.yaml"),
    [
      "catalog:",
      "  name: Scale webhooks",
      '  version: "1"',
      "types:",
      "  User:",
      "    type: object",
      "    description: A user.",
      "    fields:",
      "      login: { type: string, description: The login. }",
      "      id: { type: integer, description: The id. }",
      ...types,
      "envelope:",
      "  shape: external",
      "  nameFrom: the X-Hook-Event header",
      "  description: Webhook payloads.",
      "  actions: { field: action }",
      "  fields:",
      "    sender: { type: User, description: Who did it. }",
      "",
    ].join("\n"),
  );
  const level = (depth_: number): string => (depth_ >= depth ? "" : `{ id: ${depth_}, name: null, updated_at: "2024-01-02T03:04:05Z", state: open${depth_ < depth - 1 ? `, child: ${depth_ === depth - 2 ? "null" : level(depth_ + 1)}, children: []` : ""} }`);
  for (let index = 0; index < eventCount; index++) {
    const name = `thing_${String(index).padStart(3, "0")}`;
    const lines = [`group:`, `  name: ${name}`, `events:`, `  ${name}:`, `    definition: Activity on thing ${index}.`, `    body:`, `      subject: { type: Level0, description: What changed. }`, `      note: { type: string, nullable: true, required: false, description: A note. }`, `    actions:`];
    for (let action = 0; action < actionCount; action++) {
      lines.push(
        `      action_${action}:`,
        `        definition: Action ${action} on thing ${index}.`,
        `        body:`,
        `          extra_${action}: { type: integer, nullable: true, description: Action-specific. }`,
        `        examples:`,
        `          - payload: { action: action_${action}, subject: ${level(0)}, extra_${action}: null, sender: { login: octo, id: 1 } }`,
      );
    }
    await writeFile(path.join(directory, `${name}.yaml`), `${lines.join("\n")}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [directory, events, actions, depth] = process.argv.slice(2);
  if (!directory) throw new Error("usage: bench/shaped-catalog.ts <dir> [events] [actions] [depth]");
  await writeShapedCatalog(directory, Number(events ?? 300), Number(actions ?? 4), Number(depth ?? 6));
}
