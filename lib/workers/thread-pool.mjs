// @ts-check
// Plain JavaScript, so that server.mjs (which loads before Next, without TypeScript) can use it
// as well as the TypeScript modules.
import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * @typedef {{ worker: Worker; busy: boolean; current?: number; stopAfter?: boolean; idleTimer?: NodeJS.Timeout }} Thread
 * @typedef {{ size?: number; idleMs?: number; stopAfter?: (job: any) => boolean; name?: string }} PoolOptions
 */

/**
 * Runs jobs on worker threads, so that long work (rendering an 800 KB changelog, reading a
 * multi-megabyte page) never stalls the requests a server is answering. Threads start on demand,
 * up to `size`; jobs beyond that wait their turn, first come first served. A thread idle for
 * `idleMs` stops, and so does one that has just run a job `stopAfter` names (one that grew its
 * heap, which V8 keeps), so the memory goes back. The entry answers each `{ id, job }` it is
 * sent with `{ id, result }` or `{ id, error }` (a message).
 * @template Job, Result
 */
export class ThreadPool {
  /** @type {Thread[]} */
  #threads = [];
  /** @type {{ id: number; job: Job }[]} */
  #queue = [];
  /** @type {Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>} */
  #pending = new Map();
  #nextId = 1;
  #entry;
  #idleMs;
  #stopAfter;
  #name;

  /**
   * @param {string | URL} entry the worker's module
   * @param {PoolOptions} [options]
   */
  constructor(entry, { size = Math.max(1, Math.min(4, os.availableParallelism())), idleMs = 30_000, stopAfter = () => false, name = "worker" } = {}) {
    this.#entry = entry;
    this.size = size;
    this.#idleMs = idleMs;
    this.#stopAfter = stopAfter;
    this.#name = name;
  }

  /** @param {Job} job @returns {Promise<Result>} */
  run(job) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#queue.push({ id, job });
      this.#dispatch();
    });
  }

  /** How many threads are running: for tests and the bench. */
  get threadCount() {
    return this.#threads.length;
  }

  async close() {
    await Promise.all(this.#threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  #dispatch() {
    while (this.#queue.length > 0) {
      const thread = this.#threads.find((candidate) => !candidate.busy) ?? (this.#threads.length < this.size ? this.#start() : undefined);
      if (!thread) return;
      const next = /** @type {{ id: number; job: Job }} */ (this.#queue.shift());
      clearTimeout(thread.idleTimer);
      thread.busy = true;
      thread.current = next.id;
      thread.stopAfter = this.#stopAfter(next.job);
      thread.worker.postMessage(next);
    }
  }

  /** @returns {Thread} */
  #start() {
    const worker = new Worker(this.#entry);
    // An idle pool must not keep a process (a test, a script, a stopping server) alive.
    worker.unref();
    /** @type {Thread} */
    const thread = { worker, busy: false };
    worker.on("message", (/** @type {{ id: number; result?: Result; error?: string }} */ { id, result, error }) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      thread.busy = false;
      thread.current = undefined;
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(/** @type {Result} */ (result));
      if (thread.stopAfter) this.#stop(thread);
      else thread.idleTimer = setTimeout(() => this.#stop(thread), this.#idleMs).unref();
      this.#dispatch();
    });
    // A thread that dies (out of memory, a crash) fails its job; the next job starts a new thread.
    const fail = (/** @type {Error} */ error) => {
      this.#forget(thread);
      if (thread.current !== undefined) {
        this.#pending.get(thread.current)?.reject(error);
        this.#pending.delete(thread.current);
      }
      this.#dispatch();
    };
    worker.once("error", fail);
    worker.once("exit", (code) => {
      if (this.#threads.includes(thread)) fail(new Error(`a ${this.#name} thread exited with code ${code}`));
    });
    this.#threads.push(thread);
    return thread;
  }

  /** @param {Thread} thread */
  #forget(thread) {
    const at = this.#threads.indexOf(thread);
    if (at >= 0) this.#threads.splice(at, 1);
  }

  /** @param {Thread} thread */
  #stop(thread) {
    if (thread.busy) return;
    this.#forget(thread);
    void thread.worker.terminate();
  }
}
