import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Article, ArticleBody, BodyWarning } from "@/lib/content/article-schema";
import { loadArticles, type LoadedArticle, type LoadOptions } from "@/lib/content/articles";
import { contentDir } from "@/lib/content/content-dir";
import { ContentError } from "@/lib/content/content-error";
import { renderBodyNow } from "@/lib/content/render-body";

export const fixture = (name: string) => path.join(__dirname, "..", "fixtures", name);

/** The ContentError that loading throws, so a test can read its lines. */
export function contentErrorOf(load: () => unknown): ContentError {
  try {
    load();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected a ContentError, but loading succeeded");
}

/** A temporary content folder, for cases git cannot hold (bytes, links, emptiness). */
export function tempContentDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
}

/** An article as loaded, with its body rendered as a page would render it: what most content tests look at. */
export type RenderedArticle = Article & ArticleBody & { text: string; warnings: BodyWarning[]; markdown: string };

/** Every article in `dir`, loaded and rendered; `options` as for loadArticles. */
export function renderedArticles(dir: string, options: LoadOptions = {}): RenderedArticle[] {
  return loadArticles(dir, options).map((loaded) => renderedArticle(loaded, dir));
}

/** One loaded article with its body rendered in line, its images looked up beside it when it is a folder. */
export function renderedArticle(loaded: LoadedArticle, dir = contentDir()): RenderedArticle {
  const { slug } = loaded.article;
  const images = { publicDir: path.resolve("public"), folder: loaded.folder ? path.join(dir, slug) : undefined, folderUrl: `/articles/${slug}` };
  const body = renderBodyNow({ markdown: loaded.markdown, firstLine: loaded.firstLine, images });
  return { ...loaded.article, ...body, text: loaded.text, warnings: loaded.warnings, markdown: loaded.markdown };
}

/** How many turns the event loop takes while `work` runs: none, for work that blocks it until done. */
export async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> {
  let turns = 0;
  let running = true;
  const turn = () => {
    turns += 1;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

/** Whether this system names threads in /proc and lets a thread's priority be set alone (Linux). */
export const perThreadPriority = fs.existsSync("/proc/thread-self");

/** The nice value of the calling thread, and those of this process's other threads, from /proc (Linux). */
export function threadNiceValues(): { self: number; others: number[] } {
  const niceOf = (statFile: string) => Number(fs.readFileSync(statFile, "utf8").split(") ")[1]!.split(" ")[16]);
  const self = fs.readlinkSync("/proc/thread-self").split("/").pop()!;
  const others = fs.readdirSync("/proc/self/task").filter((thread) => thread !== self);
  return { self: niceOf(`/proc/self/task/${self}/stat`), others: others.map((thread) => niceOf(`/proc/self/task/${thread}/stat`)) };
}
