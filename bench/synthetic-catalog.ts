import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a catalog of `eventCount` events spread over groups of 25, modelled on the shipped
 * Canvas spec (its catalog.yaml is copied) with bodies that use every field kind. Used by the
 * benchmark and the scale test.
 *
 * By default every event has the same body, so the events of a group share one set of checks.
 * With `distinctBodies`, two bounds differ per event (one checked with the shape, one with the
 * strings), so no two events share checks, as in a real catalog.
 */
export async function writeSyntheticCatalog(directory: string, eventCount: number, shippedSpec = path.join(import.meta.dirname, "..", "spec"), options: { distinctBodies?: boolean } = {}): Promise<void> {
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, "catalog.yaml"), await readFile(path.join(shippedSpec, "catalog.yaml"), "utf8"));
  const groupSize = 25;
  for (let first = 0; first < eventCount; first += groupSize) {
    const group = first / groupSize;
    const lines = [`group:`, `  name: Group ${group}`, `  description: Synthetic events ${first} to ${Math.min(first + groupSize, eventCount) - 1}.`, ``, `events:`];
    for (let index = first; index < Math.min(first + groupSize, eventCount); index++) lines.push(...eventLines(`event_${index}_changed`, options.distinctBodies ? index : undefined));
    await writeFile(path.join(directory, `group-${String(group).padStart(3, "0")}.yaml`), `${lines.join("\n")}\n`);
  }
}

function eventLines(name: string, distinct: number | undefined): string[] {
  const titleLength = distinct === undefined ? 255 : 256 + distinct;
  const firstPosition = distinct === undefined ? 1 : 1 + distinct;
  return [
    `  ${name}:`,
    `    definition: The event is emitted when item ${name} changes.`,
    `    trigger: Triggered when a user saves the item.`,
    `    body:`,
    `      item_id: { type: CanvasId, description: The Canvas id of the item. }`,
    `      course_id: { type: CanvasId, description: The Canvas id of the course., required: false }`,
    `      title: { type: string, description: The title of the item., maxLength: ${titleLength} }`,
    `      workflow_state:`,
    `        type: enum`,
    `        description: The state of the item.`,
    `        values: { active: Visible to students., unpublished: Hidden from students., deleted: Removed. }`,
    `      points_possible: { type: number, description: The points the item is worth., nullable: true, minimum: 0 }`,
    `      position: { type: integer, description: The position of the item in its list., minimum: ${firstPosition} }`,
    `      published: { type: boolean, description: Whether the item is published. }`,
    `      tags: { type: array, items: string, description: Tags on the item., required: false }`,
    `      updated_at: { type: Timestamp, description: The time the item was updated. }`,
    `      lock_info:`,
    `        type: object`,
    `        description: When the item locks.`,
    `        required: false`,
    `        fields:`,
    `          lock_at: { type: Timestamp, description: The time the item locks., nullable: true }`,
    `          can_view: { type: boolean, description: Whether a locked item can still be viewed. }`,
    `    examples:`,
    `      - payload:`,
    `          metadata: { event_name: "${name}", event_time: "2020-03-24T16:55:59.973Z", root_account_id: "21070000000000001", producer: canvas, user_id: "21070000000000123" }`,
    `          body: { item_id: "21070000000000042", title: "Week 1", workflow_state: active, points_possible: 10, position: ${firstPosition}, published: true, updated_at: "2020-03-24T09:55:59-07:00" }`,
  ];
}
