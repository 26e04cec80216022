import v8 from "node:v8";
import { contentHash } from "../cache/output-matches.js";
import type { SpecSource } from "../load/spec-source.js";
import type { Catalog, EventDefinition, Group } from "./ir.js";

/** How a durable step's result is stored: as a value that survives `v8.serialize`, and back. */
export interface StepCodec<T> {
  encode(value: T): unknown;
  decode(stored: unknown): T;
}

/**
 * Results of pure steps over one event or one spec file, kept by a long-running process
 * (`generate --watch`) so that a run after one group's edit recomputes only what the edit
 * touched. A key is the step's whole input written out as text, so a result is only ever served
 * for the very same input; results no step asked for in a run are dropped after it.
 *
 * Durable steps (see `rememberedDurably`: each file's parse, checks and part of the model, each
 * group's modules, each event's schema file, docs view, AsyncAPI components and example errors)
 * are also kept between one-shot runs, in the step cache (cache/step-cache.ts): a run after one
 * group's edit parses that file alone and rebuilds only what depends on it. A memo made
 * `durableOnly` (a one-shot run) keeps nothing else, so that it costs neither keys nor memory for
 * the steps it would never store.
 */
export class StepMemo {
  readonly durableOnly: boolean;
  #current = new Map<string, unknown>();
  #previous = new Map<string, unknown>();
  /** Durable results read from the step cache, still serialized: read when a step asks for them. */
  #stored: { has(key: string): boolean; get(key: string): Uint8Array | undefined } = new Map<string, Uint8Array>();
  /** Where this run's durable results go, each serialized once (see cache/step-cache.ts). */
  #sink: ((key: string, bytes: Uint8Array) => void) | undefined;
  #sunk = new Set<string>();
  #builds = 0;

  constructor(options: { durableOnly?: boolean; stored?: { has(key: string): boolean; get(key: string): Uint8Array | undefined }; sink?: (key: string, bytes: Uint8Array) => void } = {}) {
    this.durableOnly = options.durableOnly ?? false;
    this.#stored = options.stored ?? new Map();
    this.#sink = options.sink;
  }

  remember<T>(key: string, compute: () => T): T {
    if (this.#current.has(key)) return this.#current.get(key) as T;
    const value = this.#previous.has(key) ? (this.#previous.get(key) as T) : compute();
    this.#current.set(key, value);
    return value;
  }

  rememberDurably<T>(key: string, compute: () => T, codec?: StepCodec<T>): T {
    if (this.#current.has(key) || this.#previous.has(key)) return this.remember(key, compute);
    let bytes = this.#stored.get(key);
    let value: T;
    try {
      value = bytes ? this.#read(bytes, codec) : computeDurably(compute);
    } catch (error) {
      if (!bytes) throw error;
      // A stored result that cannot be read is a miss, like any other.
      bytes = undefined;
      value = computeDurably(compute);
    }
    this.#current.set(key, value);
    // Stored as soon as it is known, so that no copy of the whole model is made at once at the
    // end of the run, when memory is at its peak; a result read from the cache goes back as read.
    if (this.#sink && !this.#sunk.has(key)) {
      this.#sunk.add(key);
      const stored = bytes ?? serialized(codec ? () => codec.encode(value) : () => value);
      if (stored) this.#sink(key, stored);
    }
    return value;
  }

  #read<T>(bytes: Uint8Array, codec: StepCodec<T> | undefined): T {
    const stored: unknown = v8.deserialize(bytes);
    return codec ? codec.decode(stored) : (stored as T);
  }

  /** Whether a step asking for `key` would be served without computing. */
  knows(key: string): boolean {
    return this.#current.has(key) || this.#previous.has(key) || this.#stored.has(key);
  }

  /** Whether a run has built the outputs: until then `--watch` reads the step cache. */
  get hasBuilt(): boolean {
    return this.#builds > 0;
  }

  /** For this run, serves durable results from `stored` (the step cache) and hands them to `sink`, if any. */
  readFrom(stored: { has(key: string): boolean; get(key: string): Uint8Array | undefined }, sink?: (key: string, bytes: Uint8Array) => void): void {
    this.#stored = stored;
    this.#sink = sink;
  }

  /**
   * Ends a run. After one that built the outputs, what it did not ask for is forgotten. One that
   * stopped at spec errors asked for no outputs: it keeps the earlier results too, so that the
   * run after the fix emits only what changed (a broken state saved while watching is common).
   */
  endRun(outcome: { built: boolean }): void {
    if (outcome.built) this.#builds++;
    this.#previous = outcome.built ? this.#current : new Map([...this.#previous, ...this.#current]);
    this.#current = new Map();
    this.#stored = new Map();
    this.#sink = undefined;
    this.#sunk.clear();
  }
}

let durableComputations = 0;

function computeDurably<T>(compute: () => T): T {
  durableComputations++;
  return compute();
}

/** How many durable steps this process computed because no memo or cache held their result (for tests). */
export function durableStepsComputed(): number {
  return durableComputations;
}

/** The bytes of a value, or none if it cannot be stored (the cache is optional; tests hold every durable step to it). */
function serialized(value: () => unknown): Uint8Array | undefined {
  try {
    return v8.serialize(value());
  } catch {
    return undefined;
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

/** `compute()`, or its earlier result for the same key while a memo of `--watch` is active. */
export function remembered<T>(key: () => string, compute: () => T): T {
  return active && !active.durableOnly ? active.remember(key(), compute) : compute();
}

/**
 * `compute()`, or its earlier result for the same key, from this process or from the step cache
 * of an earlier run. The key must name everything the result depends on, the spec file's path and
 * text included; `codec` turns a result that holds spec sources into one that can be stored.
 */
export function rememberedDurably<T>(key: () => string, compute: () => T, codec?: StepCodec<T>): T {
  return active ? active.rememberDurably(key(), compute, codec) : compute();
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

/** A digest of one event's text (see contentKey), or of the step that built it (see keyEventByItsStep), taken once per run however many steps ask: keys stay short. */
export function eventKey(event: EventDefinition): string {
  let key = eventKeys.get(event);
  if (key === undefined) eventKeys.set(event, (key = contentHash(contentKey(event))));
  return key;
}

/**
 * Gives an event the digest of the step that built it (its file's path and text, and what else that
 * step read) with its name: the same input builds the same event, and no event's text need be
 * written out to key it.
 */
export function keyEventByItsStep(event: EventDefinition, stepKey: string): void {
  eventKeys.set(event, contentHash(`${stepKey}\0${event.name}`));
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

const sourceKeys = new WeakMap<SpecSource, string>();

/** Takes the digest of a spec file's path and text as already worked out (when it was read). */
export function knowSourceKey(source: SpecSource, key: string): void {
  sourceKeys.set(source, key);
}

/** A digest of one spec file's path and text: the input of every per-file step. */
export function sourceKey(source: SpecSource): string {
  let key = sourceKeys.get(source);
  if (key === undefined) sourceKeys.set(source, (key = contentHash(`${source.path}\0${source.text}`)));
  return key;
}

/**
 * Stores a per-file step's result, whose spans point at `source`. A spec file's only own property
 * is its path (see SpecFile in load/parse-spec-files.ts), so v8.serialize writes it as a plain
 * `{ path }`, once, wherever the result points at it; reading gives that object back the rest of
 * the source of the run that asks, which has the same path and text since both are in the key.
 */
export function sourceCodec<T>(source: SpecSource): StepCodec<T> {
  return {
    encode: (value) => ({ source, value }),
    decode(stored) {
      const { source: stand, value } = stored as { source: object; value: T };
      Object.defineProperties(stand, {
        text: { get: () => source.text },
        lineCounter: { get: () => source.lineCounter },
        document: { get: () => source.document },
      });
      return value;
    },
  };
}
