import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ArticleBody } from "./article-schema";
import type { RenderJob } from "./render-body";

type Pending = { resolve: (body: ArticleBody) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; busy: boolean; current?: number; large?: boolean; idleTimer?: NodeJS.Timeout };

// A thread holds the whole renderer (about 40 MB); one left idle this long is stopped, so a
// server that renders nothing new gives the memory back.
const IDLE_MS = 30_000;
// Rendering a body this large grows a thread's heap by hundreds of MB, which V8 keeps; the thread
// is stopped once it answers, and a new one starts for the next job (in about half a second).
const LARGE_BODY_CHARS = 200_000;

/**
 * Renders bodies on worker threads, so that rendering an 800 KB changelog (seconds) never stalls
 * the other requests a server is answering. Threads start on demand, up to `size`; jobs beyond
 * that wait their turn, first come first served.
 */
export class RenderPool {
  private readonly threads: Thread[] = [];
  private readonly queue: { id: number; job: RenderJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly entry: string,
    readonly size = Math.max(1, Math.min(4, os.availableParallelism())),
  ) {}

  render(job: RenderJob): Promise<ArticleBody> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.dispatch();
    });
  }

  /** How many threads are running: for tests and the bench. */
  get threadCount(): number {
    return this.threads.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      const thread = this.threads.find((candidate) => !candidate.busy) ?? (this.threads.length < this.size ? this.start() : undefined);
      if (!thread) return;
      const next = this.queue.shift()!;
      clearTimeout(thread.idleTimer);
      thread.busy = true;
      thread.current = next.id;
      thread.large = next.job.markdown.length > LARGE_BODY_CHARS;
      thread.worker.postMessage(next);
    }
  }

  private start(): Thread {
    const worker = new Worker(this.entry);
    // An idle pool must not keep a process (a test, a script) alive.
    worker.unref();
    const thread: Thread = { worker, busy: false };
    worker.on("message", ({ id, body, error }: { id: number; body?: ArticleBody; error?: string }) => {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      thread.busy = false;
      thread.current = undefined;
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(body!);
      if (thread.large) this.stop(thread);
      else thread.idleTimer = setTimeout(() => this.stop(thread), IDLE_MS).unref();
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash) fails its job; the next job starts a new thread.
    const fail = (error: Error) => {
      this.forget(thread);
      if (thread.current !== undefined) {
        this.pending.get(thread.current)?.reject(error);
        this.pending.delete(thread.current);
      }
      this.dispatch();
    };
    worker.once("error", fail);
    worker.once("exit", (code) => {
      if (this.threads.includes(thread)) fail(new Error(`a render thread exited with code ${code}`));
    });
    this.threads.push(thread);
    return thread;
  }

  private forget(thread: Thread) {
    const at = this.threads.indexOf(thread);
    if (at >= 0) this.threads.splice(at, 1);
  }

  private stop(thread: Thread) {
    if (thread.busy) return;
    this.forget(thread);
    void thread.worker.terminate();
  }
}

/** The worker entry that ships beside this file; resolved from the project root, where servers run. */
export function renderWorkerEntry(root = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ root, "lib/content/render-worker.mjs");
}
