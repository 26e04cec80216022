// A small, careful micro-benchmark loop: every task gets its own loop function (so the call
// inside it is monomorphic, as it is in a consumer's code), a calibrated iteration count,
// a warm-up, and several rounds interleaved across tasks so that noise on a shared machine
// hits every task alike. Results are medians over rounds.

export interface Task {
  /** Unique within one run. */
  name: string;
  /** One call; returns a number derived from the result so the work cannot be optimized away. */
  call: (input: unknown) => number;
  /** Inputs cycled through; a power-of-two length keeps the index cheap. */
  inputs: readonly unknown[];
}

export interface Measured {
  name: string;
  /** Median operations per second over the rounds. */
  median: number;
  /** Every round's operations per second, in round order. */
  rounds: number[];
}

export interface HarnessOptions {
  /** Target duration of one round of one task, in milliseconds. */
  roundMs: number;
  rounds: number;
  /** Warm-up per task before measuring, in milliseconds. */
  warmupMs: number;
}

type Loop = (count: number) => number;

/** A fresh function per task: `new Function` gives each loop its own type feedback. */
function makeLoop(task: Task): Loop {
  const length = task.inputs.length;
  if (length === 0 || (length & (length - 1)) !== 0) throw new Error(`${task.name}: inputs length must be a power of two`);
  const factory = new Function(
    "call",
    "inputs",
    `"use strict";
return function loop(count) {
  let sink = 0;
  for (let index = 0; index < count; index++) sink += call(inputs[index & ${length - 1}]);
  return sink;
};`,
  ) as (call: Task["call"], inputs: readonly unknown[]) => Loop;
  return factory(task.call, task.inputs);
}

let blackhole = 0;

function timeLoop(loop: Loop, count: number): number {
  const start = process.hrtime.bigint();
  blackhole += loop(count);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Doubles the count until one call of the loop takes long enough, then scales to `targetMs`. */
function calibrate(loop: Loop, targetMs: number): number {
  let count = 64;
  for (;;) {
    const elapsed = timeLoop(loop, count);
    if (elapsed >= targetMs / 4 || count >= 1 << 30) return Math.max(1, Math.round((count * targetMs) / Math.max(elapsed, 1e-3)));
    count *= 2;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function measure(tasks: readonly Task[], options: HarnessOptions, progress?: (text: string) => void): Measured[] {
  const loops = tasks.map(makeLoop);
  const counts = loops.map((loop, index) => {
    progress?.(`warming up ${tasks[index]!.name}`);
    const deadline = performance.now() + options.warmupMs;
    let count = 64;
    while (performance.now() < deadline) {
      timeLoop(loop, count);
      if (count < 1 << 20) count *= 2;
    }
    return calibrate(loop, options.roundMs);
  });
  const rounds = tasks.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    progress?.(`round ${round + 1}/${options.rounds}`);
    // Rotate the starting task each round so no task always runs right after the same neighbour.
    for (let offset = 0; offset < tasks.length; offset++) {
      const index = (offset + round) % tasks.length;
      const elapsed = timeLoop(loops[index]!, counts[index]!);
      rounds[index]!.push((counts[index]! * 1000) / elapsed);
    }
  }
  if (blackhole === -1) console.log("");
  return tasks.map((task, index) => ({ name: task.name, median: median(rounds[index]!), rounds: rounds[index]! }));
}

/** `1.23 M`, `456 k`: operations per second for a table. */
export function formatOps(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(0);
}
