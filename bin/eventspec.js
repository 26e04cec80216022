#!/usr/bin/env node
// The eventspec command: plain JavaScript compiled by tsc into dist/ (`npm run build`, run by
// `prepare` on `npm ci` and by `prepack` before publishing), so no TypeScript loader at run time.
import { main } from "../dist/generator/cli.js";

process.exitCode = await main(process.argv.slice(2));
