import { readFileSync } from "node:fs";
import type { Catalog } from "../model/ir.js";
import { RUNTIME_SOURCE } from "../package-files.js";
import { codeBanner } from "./banner.js";
import type { OutputFile } from "./output-file.js";

/** `runtime.ts`: the dependency-free helpers the validators call, copied from generator/runtime. */
export function emitRuntime(catalog: Catalog): OutputFile {
  const source = readFileSync(RUNTIME_SOURCE, "utf8").replace(/\r\n?/g, "\n");
  return { path: "runtime.ts", content: `${codeBanner(catalog.sources)}\n${source}` };
}

/** `index.ts`: everything a consumer imports, from one module. */
export function emitIndex(catalog: Catalog): OutputFile {
  return {
    path: "index.ts",
    content:
      codeBanner(catalog.sources) +
      '\nexport * from "./types.js";\nexport * from "./validators.js";\nexport { isDriftOnly, timestampToDate, timestampToEpochMilliseconds } from "./runtime.js";\n',
  };
}
