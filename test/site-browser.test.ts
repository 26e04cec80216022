/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The static site in a real Chromium, opened from file:// as a reader who downloaded it would:
// search and follow a result, copy an example and validate it, axe on every page in light and dark,
// every internal link, no request outside the site, pages readable with JavaScript off, and the
// hostile spec's site executing nothing. Screenshots go to artifacts/site/ (ignored by git).
import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseEvent } from "../generated/index.js";
import { HOSTILE_STRINGS } from "./fixtures/hostile/hostile-strings.js";
import { hostileSpec } from "./fixtures/hostile/hostile-spec.js";
import { launchBrowser } from "./helpers/browser.js";
import { REPO, runCli, specWith, temporaryFolder, writeTree } from "./helpers/generate.js";

const ARTIFACTS = path.join(REPO, "artifacts", "site");

let browser: Browser;
let seedSite: string;

/** Generates `spec` (a folder) with `--site`, returning the site folder. */
async function buildSite(specDir: string): Promise<string> {
  const root = await temporaryFolder("eventspec-site-");
  const out = path.join(root, "generated");
  const result = await runCli(["generate", "--spec", specDir, "--out", out, "--site", path.join(out, "site")], root);
  assert.is(result.code, 0, result.stderr);
  return path.join(out, "site");
}

async function htmlPages(site: string): Promise<string[]> {
  return (await readdir(site)).filter((name) => name.endsWith(".html")).sort();
}

/** A context that records every request and every page error, dialog and console error. */
async function recordingContext(options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("page", (page) => watch(page, problems));
  return { context, requests, problems };
}

function watch(page: Page, problems: string[]): void {
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
}

const pageUrl = (site: string, file: string) => pathToFileURL(path.join(site, file)).href;

test.before(async () => {
  browser = await launchBrowser();
  seedSite = await buildSite(path.join(REPO, "spec"));
});

test.after(async () => {
  await browser?.close();
});

test("search finds a field by name; its result opens the field's anchor, in view", async () => {
  const { context, problems } = await recordingContext();
  const page = await context.newPage();
  await page.goto(pageUrl(seedSite, "index.html"));
  await page.locator("#search-input").fill("author_id");
  const result = page.locator("#search-results a", { hasText: "author_id" }).first();
  await result.waitFor();
  assert.match(await result.innerText(), "field of conversation_message_created");
  await result.click();
  await page.waitForURL(/conversation\.html#/);
  const url = new URL(page.url());
  assert.is(decodeURIComponent(url.hash), "#conversation_message_created.author_id");
  const row = page.locator(`[id="conversation_message_created.author_id"]`);
  assert.match(await row.innerText(), "author_id");
  assert.ok(await row.isVisible());
  const box = (await row.boundingBox())!;
  assert.ok(box.y >= 0 && box.y + box.height <= 900, `the field's row is in view (y = ${box.y})`);
  assert.equal(problems, []);
  await context.close();
});

test("an example's copy button puts JSON on the clipboard that the generated validator accepts", async () => {
  const { context, problems } = await recordingContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(pageUrl(seedSite, "conversation.html"));
  const button = page.locator(".example button.copy").first();
  await button.click();
  await page.locator(".example button.copy", { hasText: "Copied" }).first().waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const shown = await page.locator(".example pre").first().innerText();
  assert.is(copied, shown, "the clipboard holds the example as shown");
  const parsed = parseEvent(JSON.parse(copied));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.is(parsed.name, "conversation_created");
  assert.equal(problems, []);
  await context.close();
});

test("every page: no serious or critical axe violation in light and dark, every internal link resolves, no request leaves the site", async () => {
  const { context, requests, problems } = await recordingContext();
  const page = await context.newPage();
  const pages = await htmlPages(seedSite);
  assert.ok(pages.length >= 3, "index, envelope and a group page");
  const ids = new Map<string, Set<string>>();
  const links: { from: string; href: string }[] = [];
  await mkdir(ARTIFACTS, { recursive: true });
  for (const file of pages) {
    await page.goto(pageUrl(seedSite, file));
    ids.set(file, new Set(await page.$$eval("[id]", (elements) => elements.map((element) => element.id))));
    for (const href of await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href))) links.push({ from: file, href });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).analyze();
      assert.ok(results.passes.some((rule) => rule.id === "color-contrast"), `${file}: axe checked contrast`);
      const bad = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      assert.equal(
        bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`),
        [],
        `${file} (${colorScheme})`,
      );
      if (file === "index.html" || file === "conversation.html") await page.screenshot({ path: path.join(ARTIFACTS, `${file.replace(".html", "")}-${colorScheme}.png`), fullPage: false });
    }
    await page.emulateMedia({ colorScheme: "light" });
  }
  const siteUrl = pathToFileURL(seedSite).href + "/";
  for (const { from, href } of links) {
    assert.ok(href.startsWith(siteUrl), `${from}: link outside the site: ${href}`);
    const url = new URL(href);
    const target = fileURLToPath(new URL(url.pathname, url));
    assert.ok(existsSync(target), `${from}: ${href} points at a missing file`);
    if (url.hash && target.endsWith(".html")) {
      const id = decodeURIComponent(url.hash.slice(1));
      assert.ok(ids.get(path.relative(seedSite, target))?.has(id), `${from}: ${href} points at a missing anchor`);
    }
  }
  // Search loads its index and library from the site too.
  await page.locator("#search-input").fill("conversation");
  await page.locator("#search-results a").first().waitFor();
  const outside = requests.filter((url) => !url.startsWith(siteUrl));
  assert.equal(outside, [], "requests outside the site");
  assert.ok(requests.some((url) => url.endsWith("assets/search-index.js")), "the search index was requested from the site");
  assert.equal(problems, []);
  await context.close();
});

test("pages are readable with JavaScript off: content is there, search and copy stay hidden", async () => {
  const { context } = await recordingContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${pageUrl(seedSite, "conversation.html")}#conversation_message_created.author_id`);
  assert.ok(await page.locator(`[id="conversation_message_created.author_id"]`).isVisible());
  assert.ok(await page.locator("table.fields").first().isVisible());
  assert.ok(await page.locator(".example pre").first().isVisible());
  assert.not.ok(await page.locator("#search").isVisible(), "no search box that cannot work");
  assert.not.ok(await page.locator("button.copy").first().isVisible(), "no copy button that cannot work");
  await context.close();
});

const DEEP_GROUP = `group:
  name: Deep
  description: Events with nested objects.
events:
  deep_changed:
    definition: The event is emitted when something deep changes.
    body:
      outer:
        type: object
        description: The first level.
        fields:
          middle:
            type: array
            description: The second level, a list.
            items:
              type: object
              fields:
                inner:
                  type: object
                  description: The third level.
                  fields:
                    leaf: { type: string, description: The deepest field., nullable: true }
    examples:
      - payload:
          metadata: { event_name: deep_changed, event_time: "2020-03-24T16:55:59Z", root_account_id: "1", root_account_uuid: "u", root_account_lti_guid: "g", user_account_id: "1", user_agent: "a", producer: canvas }
          body: { outer: { middle: [{ inner: { leaf: null } }] } }
`;

test("deep fields fold away, and a link to one opens every fold around it and shows it", async () => {
  const site = await buildSite(await specWith({ "deep.yaml": DEEP_GROUP }));
  const { context, problems } = await recordingContext();
  const page = await context.newPage();
  await page.goto(pageUrl(site, "deep.html"));
  const leafId = "deep_changed.outer.middle.inner.leaf";
  assert.not.ok(await page.locator(`[id="${leafId}"]`).isVisible(), "the third level starts folded");
  assert.ok(await page.locator(`[id="deep_changed.outer.middle"]`).isVisible(), "the first level of nesting starts open");
  await page.locator("#search-input").fill("leaf");
  await page.locator("#search-results a", { hasText: "leaf" }).first().click();
  await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#${id}`, leafId);
  const row = page.locator(`[id="${leafId}"]`);
  assert.ok(await row.isVisible(), "the fold around the field opened");
  assert.ok(await row.isVisible() && (await row.boundingBox())!.y >= 0);
  assert.match(await row.innerText(), "nullable");
  assert.equal(problems, []);
  await context.close();
});

test("the hostile spec's site: nothing executes, no dialog, no page error, no element the templates did not write", async () => {
  const specDir = path.join(await temporaryFolder("eventspec-site-hostile-"), "spec");
  await writeTree(specDir, hostileSpec());
  const site = await buildSite(specDir);
  const { context, requests, problems } = await recordingContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  // Everything eventspec's own templates, markdown-it and shiki produce; nothing else may appear.
  const allowed = new Set(
    "html head meta title link script body a header span form label input p ol div nav ul li main h1 h2 h3 section dl dt dd table thead tbody tr th td code details summary figure figcaption pre button footer blockquote strong br".split(" "),
  );
  for (const file of await htmlPages(site)) {
    await page.goto(pageUrl(site, file));
    const found = await page.evaluate(() => {
      const elements = [...document.querySelectorAll("*")];
      return {
        tags: [...new Set(elements.map((element) => element.tagName.toLowerCase()))],
        handlers: elements.flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith("on")).map((attribute) => `${element.tagName} ${attribute.name}`)),
        scripts: [...document.scripts].map((script) => script.getAttribute("src")),
        badLinks: [...document.querySelectorAll("a[href]")].map((anchor) => anchor.getAttribute("href")!).filter((href) => /^\s*(javascript|data|vbscript|https?):/i.test(href)),
        pwned: (window as unknown as { pwned?: unknown }).pwned,
      };
    });
    assert.equal(found.tags.filter((tag) => !allowed.has(tag)), [], `${file}: unexpected elements`);
    assert.equal(found.handlers, [], `${file}: event-handler attributes`);
    assert.equal(found.scripts, ["assets/site.js"], `${file}: scripts`);
    assert.equal(found.badLinks, [], `${file}: links out of the site or to script`);
    assert.is(found.pwned, undefined);
  }
  // Search over hostile text renders results as text.
  await page.goto(pageUrl(site, "index.html"));
  await page.locator("#search-input").fill("script");
  await page.locator("#search-results a").first().waitFor();
  assert.equal(await page.$$eval("#search-results *", (elements) => [...new Set(elements.map((element) => element.tagName.toLowerCase()))].sort()), ["a", "li", "span"]);
  // Every example copies back to exactly its payload.
  const group = (await htmlPages(site)).find((file) => file !== "index.html" && file !== "envelope.html")!;
  await page.goto(pageUrl(site, group));
  const buttons = page.locator(".example button.copy");
  assert.is(await buttons.count(), HOSTILE_STRINGS.length);
  for (let index = 0; index < HOSTILE_STRINGS.length; index += 7) {
    await buttons.nth(index).click();
    await page.locator(".example button.copy").nth(index).filter({ hasText: "Copied" }).waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { body: { note: string } };
    assert.is(copied.body.note, HOSTILE_STRINGS[index]!.text.replace(/[\u2028\u2029]/g, (character) => character), `${HOSTILE_STRINGS[index]!.name}: copied`);
  }
  assert.equal(problems, []);
  const siteUrl = pathToFileURL(site).href + "/";
  assert.equal(requests.filter((url) => !url.startsWith(siteUrl)), []);
  await context.close();
});

test.run();
