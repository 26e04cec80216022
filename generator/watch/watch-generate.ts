import path from "node:path";

export interface WatchProps {
  /** Folders whose files feed the run: the spec folder and a templates folder. */
  paths: string[];
  /** One whole `generate` run; its exit code. It prints its own diagnostics and summary. */
  runOnce: () => Promise<number>;
  stderr: (text: string) => void;
  /** Quiet time after the last change before a run starts. */
  debounceMs?: number;
  /** Stops watching (after the run in progress, if any); SIGINT and SIGTERM do the same. */
  signal?: AbortSignal;
  /** Called once the watcher is ready and after each run (tests wait on it). */
  onIdle?: () => void;
}

/**
 * `generate --watch`: one run now, then one run after each burst of changes (debounced), never two
 * at once. A run whose spec is broken prints its diagnostics and writes nothing, so the output
 * keeps the last good version. Ctrl-C stops the watcher and lets the run in progress finish its
 * journaled write, so no staging folder or lock is left behind; then it resolves with 0.
 *
 * chokidar rather than fs.watch: fs.watch's recursive mode on Linux and its events for editors'
 * save-by-rename differ between Node versions and platforms, and chokidar handles both in plain
 * JavaScript (no install script, unlike the native @parcel/watcher).
 */
export async function watchGenerate(props: WatchProps): Promise<number> {
  const { watch } = await import("chokidar");
  const debounceMs = props.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    do {
      again = false;
      running = props.runOnce().then(
        () => undefined,
        (error: unknown) => props.stderr(`eventspec: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      await running;
      running = undefined;
    } while (again && !stopped);
    if (!stopped) {
      props.stderr("eventspec: watching for changes (Ctrl-C to stop)\n");
      props.onIdle?.();
    }
  };
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };

  // Ctrl-C is heard from the start: during the first run too, it waits for that run's commit.
  const stopping = new Promise<void>((resolve) => {
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (props.signal?.aborted) stop();
    props.signal?.addEventListener("abort", stop, { once: true });
  });

  // Watching starts before the first run, so an edit saved during it is not missed.
  const watcher = watch(props.paths, {
    ignoreInitial: true,
    // Editors write a temporary file and rename it; the rename is the change that counts.
    ignored: (file: string) => /(?:^|[\\/])(?:\.#|#.*#$)|~$|\.sw[a-p]$/.test(path.basename(file)),
  });
  watcher.on("all", schedule);
  watcher.on("error", (error: unknown) => props.stderr(`eventspec: watching failed: ${error instanceof Error ? error.message : String(error)}\n`));
  await Promise.race([new Promise<void>((resolve) => watcher.once("ready", () => resolve())), stopping]);
  if (!stopped) await run();

  await stopping;
  await watcher.close();
  // The run in progress finishes its commit: stopping half-way would leave a staging folder.
  await running;
  props.stderr("eventspec: stopped watching.\n");
  return 0;
}
