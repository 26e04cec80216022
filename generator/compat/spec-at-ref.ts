import { execFile, spawn } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { compareText } from "../diagnostics/diagnostic.js";
import type { RawSpecFile } from "../load/read-spec-folder.js";

const run = promisify(execFile);
const SPEC_EXTENSIONS = /\.ya?ml$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export class GitReadError extends Error {}

/**
 * The spec folder as it was at a git ref, read from the object database (`git ls-tree`, then one
 * `git cat-file --batch` for every blob): no worktree, no checkout, the working tree untouched.
 * Files get the display paths `readSpecFolder` gives them, so spans compare with the current spec.
 */
export async function readSpecAtRef(props: { specDir: string; ref: string }): Promise<{ files: RawSpecFile[]; commit: string }> {
  const specDir = path.resolve(props.specDir);
  const top = (await git(["rev-parse", "--show-toplevel"], specDir, `${specDir} is not inside a git repository`)).trim();
  const commit = (await git(["rev-parse", "--verify", "--quiet", `${props.ref}^{commit}`], top, `git knows no commit named "${props.ref}"`)).trim();
  const inside = path.relative(await realPath(top), await realPath(specDir)).split(path.sep).join("/");
  if (inside.startsWith("..")) throw new GitReadError(`${specDir} is outside the git repository at ${top}`);
  const listing = await git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", inside === "" ? "." : inside], top, `cannot list ${inside} at ${props.ref}`);
  const blobs = listing
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [info, file] = [line.slice(0, line.indexOf("\t")), line.slice(line.indexOf("\t") + 1)];
      const [mode, type, object] = info.split(" ");
      return { mode, type, object: object!, file };
    })
    // Regular files only: a symbolic link's blob is its target's name, not a spec.
    .filter((entry) => entry.type === "blob" && entry.mode !== "120000" && SPEC_EXTENSIONS.test(entry.file));
  const texts = await catFiles(blobs.map((blob) => blob.object), top);
  const shownDir = path.basename(specDir);
  const files = blobs.map((blob, index) => {
    const relative = inside === "" ? blob.file : blob.file.slice(inside.length + 1);
    let text: string;
    try {
      text = utf8.decode(texts[index]!);
    } catch {
      throw new GitReadError(`${blob.file} at ${props.ref} is not UTF-8 text`);
    }
    return { path: `${shownDir}/${relative}`, text };
  });
  return { files: files.sort((a, b) => compareText(a.path, b.path)), commit };
}

async function git(args: string[], cwd: string, failure: string): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new GitReadError(stderr ? `${failure} (git: ${stderr.split("\n")[0]})` : failure);
  }
}

function realPath(target: string): Promise<string> {
  return realpath(target).catch(() => target);
}

/** Blob contents in one `git cat-file --batch` process. */
function catFiles(objects: readonly string[], cwd: string): Promise<Buffer[]> {
  if (objects.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error) => reject(new GitReadError(`cannot run git: ${error.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new GitReadError(`git cat-file exited with ${code}`));
      const output = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let offset = 0;
      for (let index = 0; index < objects.length; index++) {
        const headerEnd = output.indexOf(0x0a, offset);
        const header = output.subarray(offset, headerEnd).toString("utf8").split(" ");
        if (header[1] !== "blob") return reject(new GitReadError(`git cat-file: unexpected "${header.join(" ")}"`));
        const size = Number(header[2]);
        blobs.push(output.subarray(headerEnd + 1, headerEnd + 1 + size));
        offset = headerEnd + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(`${objects.join("\n")}\n`);
  });
}
