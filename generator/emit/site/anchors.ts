/**
 * The ids used on one page. Slugs of different spec names can coincide (`a-b` and `a_b!`), so a
 * repeated id gets `-2`, `-3`, … in the order the page lists things: stable for a given spec.
 */
export class AnchorSet {
  private readonly used = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const id of reserved) this.used.add(id);
  }

  claim(wanted: string): string {
    const base = wanted || "section";
    let id = base;
    for (let counter = 2; this.used.has(id); counter++) id = `${base}-${counter}`;
    this.used.add(id);
    return id;
  }
}
