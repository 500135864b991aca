import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OFF_THREAD_FROM, inlineScriptHashes, policyForDocument, policyForDocumentOffThread } from "@/lib/http/script-policy.mjs";
import { BACKGROUND_NICE } from "@/lib/workers/background-priority.mjs";
import { loopTurnsDuring, perThreadPriority, threadNiceValues } from "./fixtures";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";

describe("the script policy of a document", () => {
  it("lists the hash of each inline script the browser would run, once", () => {
    const html = `<!DOCTYPE html><html><head><script>self.a=1</script></head><body>
      <script type="module">import("/x.js")</script><script>self.a=1</script><script type="text/javascript">b()</script></body></html>`;
    expect(inlineScriptHashes(html).sort()).toEqual([hash("self.a=1"), hash('import("/x.js")'), hash("b()")].sort());
  });

  it("leaves out external scripts, data blocks and empty scripts", () => {
    const html = `<script src="/a.js"></script><script type="application/ld+json">{"@type":"NewsArticle"}</script><script></script>`;
    expect(inlineScriptHashes(html)).toEqual([]);
  });

  it("reads a script's text as the browser does, not text that looks like a script in an attribute, a comment or a title", () => {
    const html = `<img alt="<script>steal()</script>"><!-- <script>steal()</script> --><title><script>steal()</script></title>
      <textarea><script>steal()</script></textarea><script>var s = "<b>&amp;</b>"</script>`;
    expect(inlineScriptHashes(html)).toEqual([hash('var s = "<b>&amp;</b>"')]);
  });

  it("replaces 'unsafe-inline' in script-src only, keeping every other directive", () => {
    expect(policyForDocument(POLICY, "<script>go()</script>")).toBe(`default-src 'self'; script-src 'self' ${hash("go()")}; style-src 'self' 'unsafe-inline'`);
    expect(policyForDocument(POLICY, "<p>No script</p>")).toBe("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'");
  });
});

describe("the script policy of a large document", () => {
  // Next's page of a long changelog: the body, then React's copy of it in inline scripts.
  const item = '<li>Fixed <a href="https://example.com/x">a link</a> in <strong>v1.2.3</strong> and <code>foo()</code>.</li>';
  const body = `<ul>${item.repeat(4_000)}</ul>`;
  const large = `<!DOCTYPE html><html><head><script>self.__next_f=[]</script></head><body><main>${body}</main>
    <img alt="<script>steal()</script>"><script>self.__next_f.push([1,${JSON.stringify(JSON.stringify(body))}])</script></body></html>`;

  it("is read on a thread, with the same hashes as in line", async () => {
    expect(large.length).toBeGreaterThan(OFF_THREAD_FROM);
    expect(await policyForDocumentOffThread(POLICY, large)).toBe(policyForDocument(POLICY, large));
    expect(await policyForDocumentOffThread(POLICY, "<script>go()</script>")).toBe(policyForDocument(POLICY, "<script>go()</script>"));
  });

  it("keeps the event loop turning while it is read", async () => {
    // Read in line, the document would let no turn of the loop happen until it was done.
    const { turns } = await loopTurnsDuring(() => policyForDocumentOffThread(POLICY, large));
    expect(turns).toBeGreaterThan(5);
  });

  it.runIf(perThreadPriority)("is read on a thread of lower CPU priority than the event loop's, which stays idle a while", async () => {
    await policyForDocumentOffThread(POLICY, large);
    const { self, others } = threadNiceValues();
    expect(others.filter((nice) => nice >= BACKGROUND_NICE)).toHaveLength(1);
    expect(self).toBeLessThan(BACKGROUND_NICE);
  });
});
