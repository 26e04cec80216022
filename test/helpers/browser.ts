import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * A real headless Chromium: the one @sparticuz/chromium ships inside its npm package (unpacked on
 * first use, no download), driven by playwright-core. Background networking is off so that the
 * only requests a page makes are its own.
 */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [
      // One process is what AWS Lambda needs; here it makes closing a context end the whole browser.
      ...chromium.args.filter((arg) => arg !== "--single-process"),
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
