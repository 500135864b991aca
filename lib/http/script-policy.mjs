// @ts-check
// Next streams each page's data in inline <script> elements that differ per page, so a fixed
// policy must allow inline script ('unsafe-inline'), and per-request nonces would make every page
// dynamic. Instead the server lists the hash of each inline script of the document it sends: the
// page stays static (cached, prerendered), and only the scripts it was built with run.
import { createHash } from "node:crypto";
import { parse } from "parse5";
import { ThreadPool } from "../workers/thread-pool.mjs";

// JavaScript types a browser runs; any other type (application/ld+json) is data, not script.
const SCRIPT_TYPES = new Set(["", "module", "text/javascript", "application/javascript"]);

/**
 * The CSP hash source of every inline script in `html`, as a browser reads the document: the
 * text of <script> elements, not strings that only look like one inside attributes or comments.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  /** @type {Set<string>} */
  const hashes = new Set();
  /** @param {import("parse5").DefaultTreeAdapterMap["parentNode"]} node */
  const visit = (node) => {
    for (const child of node.childNodes) {
      if (!("tagName" in child)) continue;
      if (child.tagName === "script") {
        const attribute = (/** @type {string} */ name) => child.attrs.find((attr) => attr.name === name)?.value;
        const text = child.childNodes.map((text) => ("value" in text ? text.value : "")).join("");
        if (attribute("src") === undefined && SCRIPT_TYPES.has((attribute("type") ?? "").trim().toLowerCase()) && text !== "") {
          hashes.add(`'sha256-${createHash("sha256").update(text).digest("base64")}'`);
        }
      }
      visit("content" in child ? child.content : child);
    }
  };
  visit(parse(html));
  return [...hashes];
}

/**
 * `policy` with its script-src allowing, instead of any inline script, exactly the scripts whose
 * hashes are `hashes`.
 * @param {string} policy
 * @param {string[]} hashes
 */
function withHashes(policy, hashes) {
  return policy
    .split(";")
    .map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name !== "script-src") return directive.trim();
      return [name, ...sources.filter((source) => source !== "'unsafe-inline'"), ...hashes].join(" ");
    })
    .join("; ");
}

/**
 * `policy` with its script-src allowing, instead of any inline script, exactly the inline scripts
 * of `html`.
 * @param {string} policy
 * @param {string} html
 */
export function policyForDocument(policy, html) {
  return withHashes(policy, inlineScriptHashes(html));
}

// Reading a document as a browser does costs about 1 ms per 10 KB: the first request for a page
// of a few megabytes (an 800 KB changelog, with React's copy of it) would hold up every other
// request for a quarter of a second or more. Documents from this size on are read on a thread.
export const OFF_THREAD_FROM = 128 * 1024;

// Large documents are first requests of large pages: rare. One thread reads them, and stops
// after 10 s idle, so the memory its heap holds goes back.
/** @type {ThreadPool<string, string[]> | undefined} */
let pool;
const hashesOnThread = (/** @type {string} */ html) =>
  (pool ??= new ThreadPool(new URL("./script-hash-worker.mjs", import.meta.url), { size: 1, idleMs: 10_000, name: "script hash" })).run(html);

/**
 * policyForDocument, read on a thread of its own when `html` is large, so the event loop keeps
 * serving other requests meanwhile.
 * @param {string} policy
 * @param {string} html
 * @returns {Promise<string>}
 */
export async function policyForDocumentOffThread(policy, html) {
  if (html.length < OFF_THREAD_FROM) return policyForDocument(policy, html);
  // A thread that cannot be started or dies costs the wait, never the page: read it here instead.
  const hashes = await hashesOnThread(html).catch(() => inlineScriptHashes(html));
  return withHashes(policy, hashes);
}
