// Breaking changes against a git ref: `generate --baseline-ref` and `diff` read the spec folder
// at a ref straight from git (no worktree, no checkout) in a temporary repository with a few commits.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, temporaryFolder, writeTree } from "./helpers/generate.js";

const CATALOG = `catalog: { name: Shop, version: "1" }
envelope:
  description: Metadata.
  fields:
    event_name: { type: string, description: The event name. }
`;

const ORDERS_V1 = `group:
  name: Orders
events:
  order_cancelled:
    definition: An order was cancelled.
    body:
      order_id: { type: string, pattern: "^ord_[0-9]+$", description: The order. }
    examples:
      - payload: { metadata: { event_name: order_cancelled }, body: { order_id: ord_1234 } }
  order_placed:
    definition: An order was placed.
    body:
      order_id: { type: string, pattern: "^ord_[0-9]+$", description: The order. }
      status:
        type: enum
        description: The state.
        values: { open: Open., paid: Paid. }
      total: { type: number, description: The total., minimum: 0 }
    examples:
      - payload: { metadata: { event_name: order_placed }, body: { order_id: ord_1234, status: open, total: 3 } }
`;

// Tightened pattern, a removed event, an enum value added, a nullable field, a new optional field.
const ORDERS_V2 = `group:
  name: Orders
events:
  order_placed:
    definition: An order was placed.
    body:
      order_id: { type: string, pattern: "^ord_[0-9]{4}$", description: The order. }
      status:
        type: enum
        description: The state.
        values: { open: Open., paid: Paid., refunded: Refunded. }
      total: { type: number, description: The total., minimum: 0, nullable: true }
      coupon: { type: string, description: A coupon code., required: false }
    examples:
      - payload: { metadata: { event_name: order_placed }, body: { order_id: ord_1234, status: open, total: 3 } }
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
}

/** A repository with the spec at v1 (HEAD~2), v2 (HEAD~1), and an unrelated commit (HEAD). */
async function repository(): Promise<string> {
  const cwd = await temporaryFolder();
  git(cwd, "init", "-q");
  await writeTree(cwd, { "spec/catalog.yaml": CATALOG, "spec/orders.yaml": ORDERS_V1 });
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", "v1");
  git(cwd, "tag", "v1");
  await writeFile(path.join(cwd, "spec/orders.yaml"), ORDERS_V2);
  git(cwd, "commit", "-qam", "v2");
  await writeTree(cwd, { "NOTES.md": "unrelated\n" });
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", "notes");
  return cwd;
}

test("generate --baseline-ref reads the spec at the ref from git and warns in words, at spec lines", async () => {
  const cwd = await repository();
  const head = git(cwd, "rev-parse", "HEAD");
  const result = await runCli(["generate", "--baseline-ref", "v1"], cwd);
  assert.is(result.code, 0, result.stderr);
  const warnings = result.stderr.split("\n").filter((line) => line.includes("compat/"));
  assert.equal(warnings, [
    // Where the removed event stood at v1, in the spec file that still holds its group.
    "spec/orders.yaml:4:3 warning compat/breaking-change Event `order_cancelled` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown. It stood here at v1.",
    "spec/orders.yaml:7:7 warning compat/breaking-change `/body/order_id` its pattern changed from /^ord_[0-9]+$/ to /^ord_[0-9]{4}$/: values valid before may now be rejected.",
    "spec/orders.yaml:8:7 warning compat/breaking-change `/body/status` now allows \"refunded\": consumers that switch over its values miss it.",
    "spec/orders.yaml:12:7 warning compat/breaking-change `/body/total` became nullable: consumers may now receive null.",
  ]);
  assert.not.match(result.stderr, "coupon", "a new optional field breaks nobody");
  // Nothing was checked out: same HEAD, no extra worktree, only generated/ is new.
  assert.is(git(cwd, "rev-parse", "HEAD"), head);
  assert.is(git(cwd, "worktree", "list").trim().split("\n").length, 1);
  assert.equal(git(cwd, "status", "--porcelain").trim().split("\n"), ["?? generated/"]);
});

test("--fail-on breaking exits 1 on breaking changes, with --check too, and 0 without them", async () => {
  const cwd = await repository();
  assert.is((await runCli(["generate", "--baseline-ref", "v1", "--fail-on", "breaking"], cwd)).code, 1);
  const check = await runCli(["generate", "--check", "--baseline-ref", "HEAD~2", "--fail-on", "breaking", "--format", "github"], cwd);
  assert.is(check.code, 1);
  assert.match(check.stderr, "::warning file=spec/orders.yaml,line=7");
  const same = await runCli(["generate", "--check", "--baseline-ref", "HEAD~1", "--fail-on", "breaking"], cwd);
  assert.is(same.code, 0, same.stderr);
  assert.not.match(same.stderr, "compat/");
  assert.is((await runCli(["generate", "--fail-on", "sometimes"], cwd)).code, 1);
});

test("a ref git does not know is a warning, and a failure under --fail-on breaking", async () => {
  const cwd = await repository();
  const result = await runCli(["generate", "--baseline-ref", "no-such-branch"], cwd);
  assert.is(result.code, 0);
  assert.match(result.stderr, /spec warning compat\/baseline-unreadable No breaking-change check: git knows no commit named "no-such-branch"/);
  assert.is((await runCli(["generate", "--baseline-ref", "no-such-branch", "--fail-on", "breaking"], cwd)).code, 1);
  const outside = await temporaryFolder();
  await writeTree(outside, { "spec/catalog.yaml": CATALOG, "spec/orders.yaml": ORDERS_V2 });
  assert.match((await runCli(["generate", "--baseline-ref", "main"], outside)).stderr, "is not inside a git repository");
});

test("diff prints a Markdown changelog with every change marked, and JSON", async () => {
  const cwd = await repository();
  const markdown = await runCli(["diff", "v1", "HEAD"], cwd);
  assert.is(markdown.code, 0, markdown.stderr);
  assert.is(
    markdown.stdout,
    [
      "## Event changes: `v1` → `HEAD`",
      "",
      "4 breaking changes, 1 other change, in 2 events.",
      "",
      "### `order_cancelled` (removed)",
      "",
      "- ⚠️ **Breaking:** Event `order_cancelled` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown.",
      "",
      "### `order_placed`",
      "",
      // Markdown-escaped, so the pattern shows as written.
      "- ⚠️ **Breaking:** `/body/order_id` its pattern changed from /^ord\\_\\[0-9\\]+$/ to /^ord\\_\\[0-9\\]{4}$/: values valid before may now be rejected.",
      "- ⚠️ **Breaking:** `/body/status` now allows &quot;refunded&quot;: consumers that switch over its values miss it.",
      "- ⚠️ **Breaking:** `/body/total` became nullable: consumers may now receive null.",
      "- `/body/coupon` was added (optional, string).",
      "",
    ].join("\n"),
  );
});

test("diff against the working tree, --fail-on breaking, and identical refs", async () => {
  const cwd = await repository();
  await writeFile(path.join(cwd, "spec/orders.yaml"), (await readFile(path.join(cwd, "spec/orders.yaml"), "utf8")).replace("      coupon:", "      channel: { type: string, description: Where., required: false }\n      coupon:"));
  const json = await runCli(["diff", "HEAD", "--format", "json"], cwd);
  assert.is(json.code, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout), {
    base: "HEAD",
    head: "working tree",
    breaking: 0,
    changes: [{ event: "order_placed", path: "/body/channel", kind: "field-added", breaking: false, message: "`/body/channel` was added (optional, string)." }],
  });
  assert.is((await runCli(["diff", "v1", "--fail-on", "breaking"], cwd)).code, 1);
  const same = await runCli(["diff", "HEAD~1", "HEAD"], cwd);
  assert.is(same.stdout, "## Event changes: `HEAD~1` → `HEAD`\n\nNo event changed.\n");
  const bad = await runCli(["diff", "nope"], cwd);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'cannot read the spec at nope: git knows no commit named "nope"');
});

test.run();
