#!/usr/bin/env node
// The eventspec command. The generator is TypeScript, run through tsx's loader on Node 20.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli.ts");
process.exitCode = await main(process.argv.slice(2));
