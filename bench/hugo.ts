import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measuredRun, type MeasuredRun } from "./measured-run";

// The smallest Hugo site doing the same work as ours: every article page with its
// three related articles (ranked on tags), and home and tag lists 20 a page.
const CONFIG = `baseURL = "http://localhost/"
title = "Hugo baseline"
paginate = 20

[related]
  includeNewer = true
  threshold = 80
  toLower = false
  [[related.indices]]
    name = "tags"
    weight = 100
`;

const PAGE = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>${body}</body></html>
`;

const LAYOUTS = {
  "_default/list.html": PAGE(`<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate (cond .IsHome site.RegularPages .Pages)).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}`),
  "_default/single.html": PAGE(`<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}</article>
<ul>{{ range .Site.RegularPages.Related . | first 3 }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>`),
};

/** Builds the same Markdown files with Hugo, from nothing; undefined (with a note) when `hugo` is not on PATH. */
export async function benchHugo(contentDir: string): Promise<(MeasuredRun & { version: string }) | undefined> {
  const version = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    console.warn("hugo is not on PATH: the Hugo comparison is left out (apt-get install hugo).");
    return undefined;
  }
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "bench-hugo-"));
  try {
    fs.writeFileSync(path.join(site, "hugo.toml"), CONFIG);
    for (const [file, text] of Object.entries(LAYOUTS)) {
      fs.mkdirSync(path.dirname(path.join(site, "layouts", file)), { recursive: true });
      fs.writeFileSync(path.join(site, "layouts", file), text);
    }
    fs.cpSync(contentDir, path.join(site, "content/posts"), { recursive: true });
    // Its cache goes in the throwaway site too, so every run starts cold.
    const { wallMs, peakRssMB } = await measuredRun("hugo", ["--quiet"], { cwd: site, env: { ...process.env, HUGO_CACHEDIR: path.join(site, "cache") } });
    return { wallMs, peakRssMB, version: version.stdout.split(" ")[1] ?? version.stdout.trim() };
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
}
