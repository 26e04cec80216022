// One input, every judge: our guards, validate, isEvent, parseEvent and parseEventJson against
// Ajv on the exported JSON Schema; our error paths against Ajv's (allErrors) and against the
// generator's interpreted check; every error path must point into the input.
import { resolvePointer, type Subject, type ValidationErrorLike } from "./subject.js";

export interface Verdict {
  /** Whether Ajv accepts the input as some event of the catalog. */
  valid: boolean;
  problems: string[];
}

function nameIn(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  const metadata = Object.prototype.hasOwnProperty.call(input, "metadata") ? (input as Record<string, unknown>)["metadata"] : undefined;
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return undefined;
  return Object.prototype.hasOwnProperty.call(metadata, "event_name") ? (metadata as Record<string, unknown>)["event_name"] : undefined;
}

function show(set: Iterable<string>): string {
  return JSON.stringify([...set].sort());
}

/** Problems with error objects that hold whatever the input: they point into it, and none is an internal error. */
function errorProblems(label: string, input: unknown, errors: readonly ValidationErrorLike[]): string[] {
  const problems: string[] = [];
  if (errors.length === 0) problems.push(`${label}: rejected with no error`);
  for (const error of errors) {
    if (error.keyword === "internal" || error.keyword === "exception") problems.push(`${label}: ${error.keyword} error: ${error.message}`);
    if (!/^(?:\/(?:[^~/]|~0|~1)*)*$/.test(error.path)) problems.push(`${label}: ${JSON.stringify(error.path)} is not a JSON pointer`);
    const resolved = resolvePointer(input, error.path);
    if (error.keyword === "required") {
      const parent = resolvePointer(input, error.path.slice(0, error.path.lastIndexOf("/")));
      if (resolved.found || !parent.found) problems.push(`${label}: "required" at ${error.path}, but the property is there or its object is not`);
    } else if (!resolved.found) {
      problems.push(`${label}: ${error.keyword} error at ${error.path}, which names nothing in the input`);
    }
    if (typeof error.message !== "string" || !error.message.includes("expected")) problems.push(`${label}: message ${JSON.stringify(error.message)}`);
  }
  return problems;
}

export function judge(subject: Subject, input: unknown, generatedEvent: string): Verdict {
  const problems: string[] = [];
  const ajvVerdicts = new Map([...subject.events].map(([name, event]) => [name, event.ajv(input)]));
  const valid = [...ajvVerdicts.values()].some(Boolean);
  const named = nameIn(input);
  const events = new Set([generatedEvent, ...(typeof named === "string" && subject.events.has(named) ? [named] : [])]);

  for (const name of events) {
    const event = subject.events.get(name)!;
    const ajvValid = ajvVerdicts.get(name)!;
    const guard = event.guard(input);
    if (guard !== ajvValid) problems.push(`is${event.event.identifier}: ${guard}, Ajv: ${ajvValid}`);
    const result = event.validate(input);
    if (result.ok !== ajvValid) problems.push(`validate${event.event.identifier}: ok ${result.ok}, Ajv: ${ajvValid}`);
    if (!result.ok) {
      problems.push(...errorProblems(`validate${event.event.identifier}`, input, result.errors));
      const ours = new Set(result.errors.map((error) => error.path));
      const ajv = event.ajvErrorPaths(input);
      if (show(ours) !== show(ajv)) problems.push(`validate${event.event.identifier} error paths ${show(ours)}, Ajv (allErrors): ${show(ajv)}`);
      const interpreted = subject.interpret(event.event, input).map((error) => `${error.path} ${error.keyword}`);
      const emitted = result.errors.map((error) => `${error.path} ${error.keyword}`);
      if (JSON.stringify(interpreted.sort()) !== JSON.stringify(emitted.sort())) problems.push(`validate${event.event.identifier} errors ${JSON.stringify(emitted)}, interpreted check: ${JSON.stringify(interpreted)}`);
    }
  }

  const isEvent = subject.validators.isEvent(input);
  if (isEvent !== valid) problems.push(`isEvent: ${isEvent}, Ajv (any event): ${valid}`);
  const parsed = subject.validators.parseEvent(input);
  if (parsed.ok !== valid) problems.push(`parseEvent: ok ${parsed.ok}, Ajv (any event): ${valid}`);
  if (parsed.ok && parsed.name !== named) problems.push(`parseEvent: name ${parsed.name}, metadata says ${String(named)}`);
  if (!parsed.ok) problems.push(...errorProblems("parseEvent", input, parsed.errors));
  const text = JSON.stringify(input);
  if (text !== undefined) {
    const fromText = subject.validators.parseEventJson(text);
    if (fromText.ok !== valid) problems.push(`parseEventJson: ok ${fromText.ok}, Ajv (any event): ${valid}`);
  }
  return { valid, problems };
}
