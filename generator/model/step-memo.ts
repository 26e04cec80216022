import { contentHash } from "../cache/output-matches.js";
import type { Catalog, EventDefinition, Group } from "./ir.js";

/**
 * Results of pure steps over one event or one spec file, kept by a long-running process
 * (`generate --watch`) so that a run after one group's edit recomputes only what the edit
 * touched. A key is the step's whole input written out as text, so a result is only ever served
 * for the very same input; results no step asked for in a run are dropped after it. A one-shot
 * run has no memo, and every step computes as usual.
 */
export class StepMemo {
  #current = new Map<string, unknown>();
  #previous = new Map<string, unknown>();

  remember<T>(key: string, compute: () => T): T {
    if (this.#current.has(key)) return this.#current.get(key) as T;
    const value = this.#previous.has(key) ? (this.#previous.get(key) as T) : compute();
    this.#current.set(key, value);
    return value;
  }

  /** Ends a run: what it did not ask for is forgotten. */
  endRun(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }
}

// The memo of the synchronous stretch of a build now running (see `withStepMemo`).
let active: StepMemo | undefined;

/** Runs `steps` (synchronous) with `memo` serving the steps that ask through `remembered`. */
export function withStepMemo<T>(memo: StepMemo | undefined, steps: () => T): T {
  const outer = active;
  active = memo;
  try {
    return steps();
  } finally {
    active = outer;
  }
}

/** `compute()`, or its earlier result for the same key while a memo is active. */
export function remembered<T>(key: () => string, compute: () => T): T {
  return active ? active.remember(key(), compute) : compute();
}

/**
 * The IR as text without positions: equal text, equal meaning (spans only point diagnostics).
 * A spec file's parsed form is never written out, whatever key holds it.
 */
export function contentKey(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => (key === "span" || key === "nameSpan" || isSpecSource(item) ? undefined : item));
}

function isSpecSource(item: unknown): boolean {
  return typeof item === "object" && item !== null && "lineCounter" in item && "text" in item;
}

const catalogKeys = new WeakMap<Catalog, string>();
const eventKeys = new WeakMap<EventDefinition, string>();
const groupKeys = new WeakMap<Group, string>();

/** A digest of one event's text (see contentKey), taken once per run however many steps ask: keys stay short. */
export function eventKey(event: EventDefinition): string {
  let key = eventKeys.get(event);
  if (key === undefined) eventKeys.set(event, (key = contentHash(contentKey(event))));
  return key;
}

/** A digest of one group: its own text and each of its events' (see eventKey). */
export function groupKey(group: Group): string {
  let key = groupKeys.get(group);
  if (key === undefined) groupKeys.set(group, (key = contentHash(contentKey({ ...group, events: group.events.map(eventKey) }))));
  return key;
}

/** A digest of everything of the catalog but its groups and events: what each event's outputs share. */
export function catalogContextKey(catalog: Catalog): string {
  let key = catalogKeys.get(catalog);
  if (key === undefined) catalogKeys.set(catalog, (key = contentHash(contentKey({ ...catalog, groups: undefined, events: undefined, sources: undefined }))));
  return key;
}
