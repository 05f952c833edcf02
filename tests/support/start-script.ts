/**
 * `npm start` (scripts/start.ts, run by tsx as npm does) as a child process for tests. In a
 * throw-away copy of the project folder — every entry linked except `.data` — its embedded
 * PostgreSQL, session secret and evidence live in a temporary `.data`, never the developer's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const PROJECT = path.resolve(".");

export interface ProjectCopy {
  dir: string;
  remove(): void;
}

export function projectCopy(): ProjectCopy {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-start-"));
  // mkdtemp makes the folder private; as root, PostgreSQL runs as the `postgres` user and must enter it.
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(PROJECT)) if (entry !== ".data") symlinkSync(path.join(PROJECT, entry), path.join(dir, entry));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartScript {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in its output; rejects if it exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Variables given as undefined are removed from the environment the script inherits. */
export function startScript(env: Record<string, string | undefined>, cwd = PROJECT): StartScript {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  // As `npm start` runs it: tsx as a loader in the one process, so signals reach start.ts itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const heard = (chunk: Buffer, isError: boolean) => {
    output += chunk.toString();
    if (isError) stderr += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", (chunk: Buffer) => heard(chunk, false));
  child.stderr.on("data", (chunk: Buffer) => heard(chunk, true));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    stderr: () => stderr,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(output);
          if (match) done(undefined, match);
        };
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        listeners.add(check);
        void exited.then(() => {
          check();
          done(new Error(`npm start exited before printing ${pattern}; output:\n${output}`));
        });
        check();
      }),
  };
}

/** Runs it to the end (killed after `timeoutMs`): its exit code and what it printed. */
export async function runStartScript(env: Record<string, string | undefined>, cwd = PROJECT, timeoutMs = 45_000) {
  const script = startScript(env, cwd);
  const timer = setTimeout(() => script.child.kill("SIGKILL"), timeoutMs);
  const { code } = await script.exited;
  clearTimeout(timer);
  return { code, output: script.output(), stderr: script.stderr() };
}
