// The validator half of `npm run bench`: per scenario (the seed's conversation_message_created
// payload valid, with 1 error, with 3 errors; and the three Conversation events mixed), every
// peer measured in the same interleaved rounds; ratios are ours ÷ theirs in operations per second.
import type { ValidateFunction } from "ajv/dist/2020.js";
import * as generated from "../generated/index.js";
import { formatOps, measure, median, type HarnessOptions, type Measured, type Task } from "./harness.js";
import { CONVERSATION_EVENTS, copies, payloadText, type ConversationEventName } from "./payloads.js";
import { ajvValidator, handWrittenGuard, zodSchema } from "./peers.js";
import { isDateTime } from "../generated/runtime.js";

type Mode = "floor" | "boolean" | "all errors";

interface Row {
  task: Task;
  mode: Mode;
  ours: boolean;
  /** What one call reports on the scenario's first input: "valid" or "N errors". */
  verdict: string;
}

interface Scenario {
  title: string;
  key: string;
  rows: Row[];
}

const INPUT_COPIES = 16;

function verdictOf(score: number, valid: boolean): string {
  return valid ? "valid" : `${score} error${score === 1 ? "" : "s"}`;
}

/** Map dispatch by `metadata.event_name`, as a consumer of per-event Ajv or Zod validators writes it. */
function nameOf(input: unknown): string {
  const metadata = (input as { metadata?: { event_name?: unknown } } | null)?.metadata;
  return typeof metadata?.event_name === "string" ? metadata.event_name : "";
}

function ajvBoolean(validate: ValidateFunction) {
  return (input: unknown) => (validate(input) ? 1 : 0);
}
function ajvAll(validate: ValidateFunction) {
  return (input: unknown) => (validate(input) ? 1 : validate.errors!.length);
}

function singleEventScenario(name: ConversationEventName, errors: 0 | 1 | 3): Scenario {
  const text = payloadText(name, errors);
  const inputs = copies(text, INPUT_COPIES);
  const texts = Array.from({ length: INPUT_COPIES }, () => text);
  const guard = generated.isConversationMessageCreated;
  const validate = generated.validateConversationMessageCreated;
  const ajvFormats = ajvValidator(name, "formats", false);
  const ajvFormatsAll = ajvValidator(name, "formats", true);
  const ajvBare = ajvValidator(name, "bare-date-time", false);
  const zod = zodSchema(name);
  const suffix = errors === 0 ? "valid" : `${errors} error${errors === 1 ? "" : "s"}`;
  const row = (label: string, mode: Mode, ours: boolean, call: (input: unknown) => number, taskInputs: readonly unknown[] = inputs): Row => {
    const score = call(taskInputs[0]);
    const validNow = mode === "floor" ? true : mode === "boolean" ? score === 1 : score === 1 && errors === 0;
    return { task: { name: `${label} [${suffix}]`, call, inputs: taskInputs }, mode, ours, verdict: mode === "floor" ? "-" : mode === "boolean" ? (score === 1 ? "valid" : "invalid") : verdictOf(score, validNow) };
  };
  return {
    title: `${name}, seed payload${errors === 0 ? " (valid)" : ` with ${suffix}`}`,
    key: `${name}:${errors}`,
    rows: [
      row("JSON.parse of the same payload", "floor", false, (input) => (JSON.parse(input as string) === null ? 0 : 1), texts),
      row("eventspec guard isConversationMessageCreated", "boolean", true, (input) => (guard(input) ? 1 : 0)),
      row("eventspec validateConversationMessageCreated", "all errors", true, (input) => {
        const result = validate(input);
        return result.ok ? 1 : result.errors.length;
      }),
      row("eventspec parseEvent", "all errors", true, (input) => {
        const result = generated.parseEvent(input);
        return result.ok ? 1 : result.errors.length;
      }),
      row("Ajv 8 + ajv-formats", "boolean", false, ajvBoolean(ajvFormats)),
      row("Ajv 8 + ajv-formats, allErrors", "all errors", false, ajvAll(ajvFormatsAll)),
      row("Ajv 8, bare date-time regex (no calendar)", "boolean", false, ajvBoolean(ajvBare)),
      row("Zod 4 safeParse", "all errors", false, (input) => {
        const result = zod.safeParse(input);
        return result.success ? 1 : result.error.issues.length;
      }),
      ...(errors === 0 ? [row("hand-written typia-style guard (same checks)", "boolean", false, ((guard) => (input: unknown) => (guard(input) ? 1 : 0))(handWrittenGuard(isDateTime)))] : []),
    ],
  };
}

function mixedScenario(): Scenario {
  const count = 48;
  const texts = Array.from({ length: count }, (_, index) => payloadText(CONVERSATION_EVENTS[index % 3]!, 0));
  // 64 inputs (a power of two) cycling through the three events.
  const all = [...texts, ...texts.slice(0, 16)];
  const inputs = all.map((text) => JSON.parse(text) as unknown);
  const ajvByName = new Map(CONVERSATION_EVENTS.map((name) => [name as string, ajvValidator(name, "formats", false)]));
  const ajvAllByName = new Map(CONVERSATION_EVENTS.map((name) => [name as string, ajvValidator(name, "formats", true)]));
  const zodByName = new Map(CONVERSATION_EVENTS.map((name) => [name as string, zodSchema(name)]));
  const row = (label: string, mode: Mode, ours: boolean, call: (input: unknown) => number, taskInputs: readonly unknown[] = inputs): Row => ({
    task: { name: `${label} [mixed]`, call, inputs: taskInputs },
    mode,
    ours,
    verdict: mode === "floor" ? "-" : call(taskInputs[0]) === 1 ? "valid" : "invalid",
  });
  return {
    title: "the three Conversation events mixed (valid), dispatched by metadata.event_name",
    key: "mixed",
    rows: [
      row("JSON.parse of the same payloads", "floor", false, (input) => (JSON.parse(input as string) === null ? 0 : 1), all),
      row("eventspec isEvent", "boolean", true, (input) => (generated.isEvent(input) ? 1 : 0)),
      row("eventspec parseEvent", "all errors", true, (input) => {
        const result = generated.parseEvent(input);
        return result.ok ? 1 : result.errors.length;
      }),
      row("Ajv 8 + ajv-formats, Map by name", "boolean", false, (input) => {
        const validate = ajvByName.get(nameOf(input));
        return validate !== undefined && validate(input) ? 1 : 0;
      }),
      row("Ajv 8 + ajv-formats, allErrors, Map by name", "all errors", false, (input) => {
        const validate = ajvAllByName.get(nameOf(input));
        if (validate === undefined) return 0;
        return validate(input) ? 1 : validate.errors!.length;
      }),
      row("Zod 4 safeParse, Map by name", "all errors", false, (input) => {
        const schema = zodByName.get(nameOf(input));
        if (schema === undefined) return 0;
        const result = schema.safeParse(input);
        return result.success ? 1 : result.error.issues.length;
      }),
    ],
  };
}

/**
 * Where the guard's time goes: the same guard on the seed payload with one group of optional,
 * format-checked fields left out at a time (the difference is what checking them costs), and
 * with only the required fields. Each variant gets its own instance of the generated module, so
 * that its object shape does not make the others' property reads polymorphic.
 */
async function breakdownTasks(): Promise<{ tasks: Task[]; labels: [string, string][] }> {
  const full = JSON.parse(payloadText("conversation_message_created", 0)) as { metadata: Record<string, unknown>; body: Record<string, unknown> };
  const without = (keys: string[]) => {
    const copy = structuredClone(full);
    for (const key of keys) delete copy.metadata[key];
    return JSON.stringify(copy);
  };
  const groups: [string, string[]][] = [
    ["url, referrer (2 URIs, 99 characters)", ["url", "referrer"]],
    ["root_account_id, user_account_id, user_id (3 × 17 digits)", ["root_account_id", "user_account_id", "user_id"]],
    ["request_id (uuid)", ["request_id"]],
    ["client_ip (IPv4)", ["client_ip"]],
    ["time_zone", ["time_zone"]],
  ];
  const required = structuredClone(full);
  required.metadata = { event_name: full.metadata.event_name, event_time: full.metadata.event_time };
  const variants: [string, string][] = [["breakdown: full", JSON.stringify(full)], ...groups.map(([label, keys]) => [`breakdown: ${label}`, without(keys)] as [string, string]), ["breakdown: required only", JSON.stringify(required)]];
  const tasks: Task[] = [];
  for (const [index, [name, text]] of variants.entries()) {
    const module = (await import(`${VALIDATORS_URL}?breakdown=${index}`)) as typeof generated;
    const guard = module.isConversationMessageCreated;
    tasks.push({ name, call: (input) => (guard(input) ? 1 : 0), inputs: copies(text, INPUT_COPIES) });
  }
  return { tasks, labels: groups.map(([label]) => [`breakdown: ${label}`, label]) };
}

function printBreakdown(results: Map<string, Measured>, labels: [string, string][]): void {
  const ns = (name: string) => 1e9 / results.get(name)!.median;
  // Differences paired round by round (the variants run next to each other), then the median.
  const pairedDifference = (name: string) => {
    const full = results.get("breakdown: full")!.rounds;
    const variant = results.get(name)!.rounds;
    return median(full.map((ops, round) => 1e9 / ops - 1e9 / variant[round]!));
  };
  console.log(`\nWhere the guard's time goes (conversation_message_created, valid; each variant in its own module instance): ${ns("breakdown: full").toFixed(0)} ns in all; checking each group costs about`);
  for (const [name, label] of labels) console.log(`  ${pad(label, 60)} ${pad(pairedDifference(name).toFixed(0), 5, true)} ns`);
  console.log(`  ${pad("what is left: 2 timestamps, 3 short ids, every type check", 60)} ${pad(ns("breakdown: required only").toFixed(0), 5, true)} ns`);
}

/**
 * Real streams mix metadata shapes (user-generated events carry request fields, job-generated
 * ones job fields), so property reads see several hidden classes. Sixteen variants of the seed
 * payload, each leaving out a different set of optional metadata fields; our guard comes from
 * its own module instance so that this polymorphism does not leak into the other scenarios.
 */
async function mixedShapesScenario(): Promise<Scenario> {
  const full = JSON.parse(payloadText("conversation_message_created", 0)) as { metadata: Record<string, unknown> };
  const optional = ["user_agent", "user_login", "user_sis_id", "time_zone", "request_id", "session_id", "client_ip", "url", "referrer", "root_account_lti_guid"];
  const texts = Array.from({ length: INPUT_COPIES }, (_, variant) => {
    const copy = structuredClone(full);
    optional.forEach((key, index) => {
      if (((variant * 2654435761) >>> index) & 1) delete copy.metadata[key];
    });
    if (variant % 4 === 3) Object.assign(copy.metadata, { job_id: "21070000000000777", job_tag: "ContentMigration#import_content" });
    return JSON.stringify(copy);
  });
  const inputs = texts.map((text) => JSON.parse(text) as unknown);
  const module = (await import(`${VALIDATORS_URL}?shapes`)) as typeof generated;
  const ajv = ajvValidator("conversation_message_created", "formats", false);
  const guard = module.isConversationMessageCreated;
  const row = (label: string, mode: Mode, ours: boolean, call: (input: unknown) => number, taskInputs: readonly unknown[] = inputs): Row => ({
    task: { name: `${label} [shapes]`, call, inputs: taskInputs },
    mode,
    ours,
    verdict: mode === "floor" ? "-" : call(taskInputs[0]) === 1 ? "valid" : "invalid",
  });
  return {
    title: "conversation_message_created, 16 metadata shapes mixed (valid): polymorphic property reads",
    key: "shapes",
    rows: [
      row("JSON.parse of the same payloads", "floor", false, (input) => (JSON.parse(input as string) === null ? 0 : 1), texts),
      row("eventspec guard isConversationMessageCreated", "boolean", true, (input) => (guard(input) ? 1 : 0)),
      row("eventspec validateConversationMessageCreated", "all errors", true, (input) => {
        const result = module.validateConversationMessageCreated(input);
        return result.ok ? 1 : result.errors.length;
      }),
      row("Ajv 8 + ajv-formats", "boolean", false, ajvBoolean(ajv)),
    ],
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

interface ScenarioResult {
  scenario: Scenario;
  results: Map<string, Measured>;
}

function printScenario({ scenario, results }: ScenarioResult): void {
  const ops = (row: Row) => results.get(row.task.name)!.median;
  const ourGuard = scenario.rows.find((row) => row.ours && row.mode === "boolean")!;
  const ourAll = scenario.rows.find((row) => row.ours && row.mode === "all errors")!;
  console.log(`\n${scenario.title}`);
  console.log(`  ${pad("validator", 52)} ${pad("mode", 10)} ${pad("result", 9)} ${pad("ops/s (median)", 15, true)} ${pad("spread", 8, true)}  ratio`);
  for (const row of scenario.rows) {
    const measured = results.get(row.task.name)!;
    const spread = (Math.max(...measured.rounds) - Math.min(...measured.rounds)) / measured.median;
    let ratio: string;
    if (row.mode === "floor") ratio = `our guard costs ${(ops(row) / ops(ourGuard)).toFixed(3)}× its time`;
    else if (row.ours) ratio = row === ourGuard || row === ourAll ? "(ours, reference)" : `${(ops(row) / ops(ourAll)).toFixed(2)}× our validate`;
    else {
      const reference = row.mode === "boolean" ? ourGuard : ourAll;
      ratio = `ours is ${(ops(reference) / ops(row)).toFixed(2)}× faster${row.mode === "boolean" ? " (guard)" : " (validate)"}`;
    }
    const label = row.task.name.replace(/ \[[^\]]*\]$/, "");
    console.log(`  ${pad(label, 52)} ${pad(row.mode, 10)} ${pad(row.verdict, 9)} ${pad(formatOps(ops(row)), 15, true)} ${pad(`±${(spread * 50).toFixed(0)}%`, 8, true)}  ${ratio}`);
  }
}

const VALIDATORS_URL = new URL("../generated/validators.ts", import.meta.url).href;

export async function runValidatorBench(options: HarnessOptions): Promise<boolean> {
  const scenarios = [
    singleEventScenario("conversation_message_created", 0),
    singleEventScenario("conversation_message_created", 1),
    singleEventScenario("conversation_message_created", 3),
    mixedScenario(),
    await mixedShapesScenario(),
  ];

  // Every peer must give the same verdict (and, where it counts errors, the same count) before timing means anything.
  let agree = true;
  for (const scenario of scenarios) {
    const verdicts = new Set(scenario.rows.filter((row) => row.mode !== "floor").map((row) => (row.verdict === "valid" ? "valid" : "invalid")));
    if (verdicts.size !== 1) {
      agree = false;
      console.error(`Peers disagree on ${scenario.title}: ${scenario.rows.map((row) => `${row.task.name}=${row.verdict}`).join(", ")}`);
    }
  }

  const breakdown = await breakdownTasks();
  const tasks = [...scenarios.flatMap((scenario) => scenario.rows.map((row) => row.task)), ...breakdown.tasks];
  console.log(`\nValidators: ${tasks.length} tasks, ${options.rounds} interleaved rounds of ~${options.roundMs} ms each after ${options.warmupMs} ms warm-up; medians over rounds; spread = half the min–max range.`);
  const started = performance.now();
  // Progress only on a terminal: in a log it would be noise.
  const progress = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r\x1b[K  ${text}`) : undefined;
  const measured = measure(tasks, options, progress);
  if (progress) process.stderr.write("\r\x1b[K");
  const byName = new Map(measured.map((result) => [result.name, result]));
  const results = scenarios.map((scenario) => ({ scenario, results: byName }));
  for (const result of results) printScenario(result);
  console.log(`\n(measured in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  printTargets(results);
  printBreakdown(byName, breakdown.labels);
  return agree;
}

function printTargets(results: ScenarioResult[]): void {
  const find = (key: string, label: string) => {
    const { scenario, results: measured } = results.find((result) => result.scenario.key === key)!;
    const row = scenario.rows.find((candidate) => candidate.task.name.startsWith(label))!;
    return measured.get(row.task.name)!.median;
  };
  const valid = "conversation_message_created:0";
  const guard = find(valid, "eventspec guard");
  const targets: [string, number, string, boolean][] = [];
  const ajvFormats = guard / find(valid, "Ajv 8 + ajv-formats [");
  targets.push(["guard ≥ 4× Ajv + ajv-formats (valid)", ajvFormats, `${ajvFormats.toFixed(2)}×`, ajvFormats >= 4]);
  const bare = guard / find(valid, "Ajv 8, bare date-time");
  targets.push(["guard ≥ 1× Ajv with bare date-time regex (valid)", bare, `${bare.toFixed(2)}×`, bare >= 1]);
  const parseCost = find(valid, "JSON.parse") / guard;
  targets.push(["guard time ≤ 0.12× JSON.parse time (valid)", parseCost, `${parseCost.toFixed(3)}×`, parseCost <= 0.12]);
  for (const errors of [1, 3]) {
    const key = `conversation_message_created:${errors}`;
    const ratio = find(key, "eventspec validate") / find(key, "Ajv 8 + ajv-formats, allErrors");
    targets.push([`validate ≥ 3× Ajv allErrors (${errors} error${errors === 1 ? "" : "s"})`, ratio, `${ratio.toFixed(2)}×`, ratio >= 3]);
  }
  console.log("\nTargets (conversation_message_created, ratios from this run):");
  for (const [label, , shown, met] of targets) console.log(`  ${met ? "met   " : "MISSED"}  ${pad(label, 52)} ${shown}`);
}
