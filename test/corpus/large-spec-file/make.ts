import { writeFile } from "node:fs/promises";
import path from "node:path";

/** Events in the generated file: about 5 MB of YAML. */
export const EVENT_COUNT = 2_900;

/**
 * A 5 MB spec file: thousands of well-formed events and one mistake in the last one, so that the
 * whole file must be read, checked and positioned. Written at test time rather than committed.
 */
export default async function make(specDir: string): Promise<void> {
  const lines = ["group:", "  name: Bulk", "  description: Many events in one file.", "", "events:"];
  for (let index = 0; index < EVENT_COUNT; index++) {
    const name = `bulk_event_${String(index).padStart(5, "0")}`;
    const last = index === EVENT_COUNT - 1;
    lines.push(
      `  ${name}:`,
      `    ${last ? "defintion" : "definition"}: Event number ${index} of the bulk file; it says the same thing at some length so that the file reaches five megabytes without being repetitive in structure.`,
      `    trigger: Triggered when item ${index} changes in any of the ways listed in the body below.`,
      `    body:`,
      `      item_id: { type: CanvasId, description: The Canvas id of the item. }`,
      `      title: { type: string, description: The title of the item., maxLength: 255 }`,
      `      state:`,
      `        type: enum`,
      `        description: The state of the item.`,
      `        values: { active: Visible to students., unpublished: Hidden from students., deleted: Removed. }`,
      `      points: { type: number, description: The points the item is worth., nullable: true, minimum: 0 }`,
      `      position: { type: integer, description: The position of the item in its list., minimum: 1 }`,
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
      `      - summary: Item ${index} is renamed by a teacher in the course editor, which happens often in the first week.`,
      `        payload:`,
      `          metadata: { event_name: "${name}", event_time: "2020-03-24T16:55:59.973Z", user_id: "21070000000000123" }`,
      `          body: { item_id: "2107000000${String(index).padStart(7, "0")}", title: "Week ${index}", state: active, points: 10, position: 1, updated_at: "2020-03-24T09:55:59-07:00" }`,
    );
  }
  await writeFile(path.join(specDir, "bulk.yaml"), `${lines.join("\n")}\n`);
}
