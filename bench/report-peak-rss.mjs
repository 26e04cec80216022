// Preloaded with `node --import` into a measured child process: when the process exits, it writes
// its peak resident set size (bytes) to the file named by EVENTSPEC_BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

const target = process.env.EVENTSPEC_BENCH_RSS_FILE;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
