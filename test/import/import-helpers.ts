import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { REPO, runCli, temporaryFolder } from "../helpers/generate.js";

export const CANVAS_FIXTURES = path.join(REPO, "test", "fixtures", "canvas-import");

export function fixture(name: string): string {
  return path.join(CANVAS_FIXTURES, name);
}

/** Runs `eventspec import canvas <fixture> --out <new temporary folder>/spec` in-process. */
export async function importFixture(input: string, extraArguments: string[] = []): Promise<{ out: string; code: number; stdout: string; stderr: string }> {
  const out = path.join(await temporaryFolder("eventspec-import-"), "spec");
  const result = await runCli(["import", "canvas", input, "--out", out, ...extraArguments]);
  return { out, ...result };
}

/** A spec file the importer wrote, parsed as `generate` reads it. */
export async function readYaml(file: string): Promise<any> {
  return parse(await readFile(file, "utf8"));
}

/** Follows dotted keys through parsed YAML: `events.grade_change.body.score`. */
export function at(value: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
}
