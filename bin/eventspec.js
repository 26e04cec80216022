#!/usr/bin/env node
// The eventspec command: plain JavaScript compiled by tsc into dist/ and bundled into one file
// (`npm run build`, run by `prepare` on `npm ci` and by `prepack` before publishing), so no
// TypeScript loader and no bundler at run time. The launcher runs the bundle with V8's code cache.
import { runBundledCli } from "../dist/generator/launch/run-bundled-cli.js";

process.exitCode = await runBundledCli(process.argv.slice(2));
