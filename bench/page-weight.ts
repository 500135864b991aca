import { gzipSync } from "node:zlib";

export type Weight = { rawBytes: number; gzipBytes: number };
export type Script = Weight & { src: string; noModule: boolean };

function weigh(bytes: Uint8Array): Weight {
  return { rawBytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
}

function sum(weights: Weight[]): Weight {
  return { rawBytes: weights.reduce((total, weight) => total + weight.rawBytes, 0), gzipBytes: weights.reduce((total, weight) => total + weight.gzipBytes, 0) };
}

async function download(url: string, headers: Record<string, string> = {}): Promise<{ bytes: Uint8Array; type: string }> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get("content-type") ?? "" };
}

/**
 * Every same-origin script a page's HTML names, raw and gzipped. The total
 * leaves out `noModule` scripts (polyfills), which browsers with modules skip.
 */
export async function pageScripts(origin: string, pathname: string): Promise<{ files: Script[]; total: Weight }> {
  const html = new TextDecoder().decode((await download(`${origin}${pathname}`)).bytes);
  const tags = new Map<string, string>();
  for (const [tag, src] of html.matchAll(/<script\b[^>]*\ssrc="(\/_next\/[^"]+)"[^>]*>/g)) tags.set(src!, tag);
  const files = await Promise.all(
    [...tags].map(async ([src, tag]) => ({ src, noModule: /\snomodule\b/i.test(tag), ...weigh((await download(`${origin}${src}`)).bytes) })),
  );
  return { files, total: sum(files.filter((file) => !file.noModule)) };
}

/** Home's HTML (a first visit's download besides scripts) and its RSC data (what a client-side navigation to home downloads). */
export async function homeWeight(origin: string): Promise<{ html: Weight; rscData: Weight; total: Weight }> {
  const html = weigh((await download(`${origin}/`)).bytes);
  const rsc = await download(`${origin}/`, { RSC: "1" });
  if (!rsc.type.startsWith("text/x-component")) throw new Error(`GET / with RSC: 1 answered ${rsc.type}, not the RSC payload`);
  const rscData = weigh(rsc.bytes);
  return { html, rscData, total: sum([html, rscData]) };
}
