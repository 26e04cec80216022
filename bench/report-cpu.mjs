// Preloaded with `node --import` into a measured child process: when the process exits, it writes
// the CPU time it used, all threads, in user space and in the kernel (milliseconds, space-separated),
// to EVENTSPEC_BENCH_CPU_FILE.
// Unlike the wall clock, it hardly moves when other work shares the machine.
import { writeFileSync } from "node:fs";

const target = process.env.EVENTSPEC_BENCH_CPU_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.userCPUTime / 1000} ${usage.systemCPUTime / 1000}`);
  });
}
