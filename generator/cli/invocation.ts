/**
 * The command that fixes a stale output, spelled the way the user ran eventspec: through an npm
 * script (`npm run generate -- --spec events`), npx (`npx eventspec generate`), pnpm or yarn, or the
 * bare binary. Options that only change how a run reports (`--check`, `--format`, `--baseline`)
 * and the breaking-change options are left out: the fix is to write the files.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

const REPORT_ONLY = new Set(["--check"]);
const REPORT_ONLY_WITH_VALUE = new Set(["--format", "--baseline", "--baseline-ref", "--fail-on"]);

export function fixCommand(props: { command: string; argv: readonly string[]; env: Environment }): string {
  const args = writingArguments(props.argv).map(shellWord);
  const runner = /^(npm|pnpm|yarn|bun)\//.exec(props.env.npm_config_user_agent ?? "")?.[1] ?? "npm";
  const script = props.env.npm_lifecycle_event;
  const scriptWords = scriptArguments(props.env.npm_lifecycle_script, props.command);
  // A script that itself checks (`"check": "eventspec generate --check"`) cannot fix: name the command.
  const scriptChecks = scriptWords?.some((word) => REPORT_ONLY.has(word)) ?? false;
  if (script && script !== "npx" && props.env.npm_command !== "exec" && !scriptChecks) {
    // The script's own words come first in argv; repeat only what the user added after them.
    const own = scriptWords && scriptWords.every((word, index) => props.argv[index] === word) ? scriptWords.length : 0;
    const added = writingArguments(props.argv.slice(own)).map(shellWord);
    // npm needs `--` before a script's own arguments; pnpm, yarn and bun pass them through.
    const passed = added.length === 0 ? [] : runner === "npm" ? ["--", ...added] : added;
    return [runner, "run", shellWord(script), ...passed].join(" ");
  }
  const exec = script === "npx" || props.env.npm_command === "exec" || scriptChecks ? { npm: "npx", pnpm: "pnpm exec", yarn: "yarn", bun: "bunx" }[runner] : undefined;
  return [...(exec ? [exec] : []), "eventspec", props.command, ...args].join(" ");
}

/** The words of an npm script after `<command>` (`eventspec generate --templates t` → `--templates`, `t`); plain splitting, enough to recognise them. */
function scriptArguments(scriptText: string | undefined, command: string): string[] | undefined {
  if (!scriptText) return undefined;
  const words = scriptText.trim().split(/\s+/);
  const at = words.indexOf(command);
  return at < 0 ? undefined : words.slice(at + 1).filter((word) => !/^[;&|]/.test(word));
}

function writingArguments(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const name = arg.split("=")[0]!;
    if (REPORT_ONLY.has(arg)) continue;
    if (REPORT_ONLY_WITH_VALUE.has(name)) {
      if (!arg.includes("=")) index++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

/** Quotes a word for a POSIX shell only when it needs it. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
