import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadArticles } from "@/lib/content/articles";
import { ContentError } from "@/lib/content/content-error";
import { main } from "@/scripts/import-site";
import { canonicalDate } from "@/scripts/import/dates";
import { convertTemplates } from "@/scripts/import/shortcodes";
import { slugify } from "@/scripts/slugify";
import { shorten } from "@/scripts/import/summary";
import { fixture } from "./fixtures";

const root = path.resolve(__dirname, "../..");
const hugoSite = fixture("import/hugo-site");
const jekyllSite = fixture("import/jekyll-site");

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempOut(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
  temps.push(dir);
  return path.join(dir, "content");
}

function run(...args: string[]) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = main(args, { out: (line) => out.push(line), error: (line) => errors.push(line) });
  return { code, out, errors };
}

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join("/"))
    .sort();
}

function article(outDir: string, slug: string) {
  const folder = path.join(outDir, slug, "index.md");
  const text = fs.readFileSync(fs.existsSync(folder) ? folder : path.join(outDir, `${slug}.md`), "utf8");
  const [, frontMatter = "", body = ""] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text) ?? [];
  return { text, frontMatter: YAML.parse(frontMatter, { schema: "core" }) as Record<string, unknown>, body };
}

/**
 * Every article written passes this site's own loader, folders and the images beside them
 * included, but for `missing`: images the source site lacked, which the importer reported and
 * left as written, and which the loader refuses by the same rule as any missing image.
 */
function expectEveryArticleValid(outDir: string, missing: string[]): void {
  const entries = fs.readdirSync(outDir).filter((name) => !name.startsWith("."));
  let problems: string[] = [];
  try {
    expect(loadArticles(outDir)).toHaveLength(entries.length);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems = error.problems.map((problem) => /expected the image "([^"]+)"/.exec(problem.message)?.[1] ?? problem.message);
  }
  expect(problems).toEqual(missing);
}

describe("npm run import -- --from hugo", () => {
  it("writes every post, bundles and posts with site images as folders, and reports what it could not convert", () => {
    const out = tempOut();
    const run1 = run("--from", "hugo", hugoSite, "--out", out);

    expect(run1.errors).toEqual([]);
    expect(run1.out).toEqual([
      'content/posts/harbour-ferry-timetable.md:40: could not convert {{< tweet user="harborclerk" id="1" >}}',
      'content/posts/harbour-wall-survey.md:1: no category; filed under "news"',
      "content/posts/night-market.md:1: no summary in the front matter; used the first paragraph",
      "content/posts/night-market.md:3: date 2021-06-05T19:00:00 has no time zone; written as 2021-06-05T19:00:00+00:00",
      "content/posts/night-market.md:4: lastmod 2021-06-01 is before the date; left out",
      'content/posts/night-market.md:6: tag "!!" has no letters or digits to make a slug of; left out',
      "content/posts/night-market.md:7: image /images/missing-lantern.png not found at static/images/missing-lantern.png; left as written",
      "content/posts/night-market.md:7: no alt text for the image; used the title",
      `Imported 4 articles (2 with images) into ${out}; 4 things not converted; 4 values filled in; 0 skipped (already there)`,
    ]);
    expect(run1.code).toBe(0);

    // _index.md list pages are not articles; the bundle and the post with a site image are folders.
    expect(filesUnder(out)).toEqual([
      "harbour-ferry-timetable/ferry-route.png",
      "harbour-ferry-timetable/index.md",
      "harbour-wall-survey.md",
      "night-market.md",
      "tide-gauge/gauge.png",
      "tide-gauge/index.md",
    ]);
    expect(fs.readFileSync(path.join(out, "tide-gauge/gauge.png"))).toEqual(fs.readFileSync(path.join(hugoSite, "content/posts/tide-gauge/gauge.png")));
    expect(fs.readFileSync(path.join(out, "harbour-ferry-timetable/ferry-route.png"))).toEqual(fs.readFileSync(path.join(hugoSite, "static/images/ferry-route.png")));
    expectEveryArticleValid(out, ["/images/missing-lantern.png"]);
  });

  it("maps YAML and TOML front matter onto the contract, keeping each date as written", () => {
    const out = tempOut();
    run("--from", "hugo", hugoSite, "--out", out);

    const ferry = article(out, "harbour-ferry-timetable");
    expect(ferry.frontMatter).toEqual({
      title: "Winter ferry timetable adds a late crossing",
      date: "2022-02-07T08:30:00+00:00",
      updated: "2022-02-09T12:00:00+00:00",
      category: "local-news",
      summary: "The harbour ferry runs one more crossing each evening from March, at 22:40.",
      author: "Mira Quell",
      tags: ["ferries", "47", "route-47"],
    });
    // Strings are quoted, so "47" and the dates read back as text whatever the reader's schema.
    expect(ferry.text).toContain('\ndate: "2022-02-07T08:30:00+00:00"\n');
    expect(ferry.text).toContain('\n  - "47"\n');

    expect(article(out, "night-market").frontMatter).toEqual({
      title: "Night market returns to the old customs yard",
      date: "2021-06-05T19:00:00+00:00",
      category: "culture",
      summary:
        "Stalls from thirty local growers, bakers and fishmongers will fill the old customs yard every Saturday evening this summer, with lanterns strung between the cranes and a brass band playing from the…",
      tags: ["food", "evenements"],
      image: "/images/missing-lantern.png",
      imageAlt: "Night market returns to the old customs yard",
    });
    expect(article(out, "tide-gauge").frontMatter).toEqual({
      title: "Tide gauge at the north mole is back online",
      date: "2014-02-13T10:00:00+00:00",
      category: "science",
      summary: "Readings from the north mole gauge are published every ten minutes again.",
      tags: ["tides"],
      image: "gauge.png",
      imageAlt: "The tide gauge's blue housing on the north mole",
    });
    expect(article(out, "harbour-wall-survey").frontMatter).toEqual({
      title: "Notes on the harbour wall survey",
      date: "2014-02-13",
      category: "news",
      summary: "Early notes from the survey of the harbour wall.",
      draft: true,
    });
  });

  it("converts shortcodes outside code into Markdown, HTML and video directives", () => {
    const out = tempOut();
    run("--from", "hugo", hugoSite, "--out", out);

    expect(article(out, "harbour-ferry-timetable").body).toBe(
      [
        "The harbour ferry will run a late crossing from the first of March.",
        "",
        `<figure><img src="ferry-route.png" alt="The ferry's route across the harbour"><figcaption>Route 47 &lt;east&gt; &amp; west</figcaption></figure>`,
        "",
        '::video{src="https://www.youtube.com/watch?v=ferryRoute7"}',
        "",
        '::video{src="https://vimeo.com/305511231"}',
        "",
        "The timetable is in [View the gist on GitHub](https://gist.github.com/harborclerk/5b1c0ffee) and the fares are in [the fare guide](/articles/fare-guide#late-fares).",
        "",
        "See also [the tide gauge](/articles/tide-gauge) and [the front page](/).",
        "",
        "```python",
        "def late_crossing():",
        '    return "22:40"',
        "```",
        "",
        'Inline code keeps `{{< figure src="kept.png" >}}` as written.',
        "",
        "```go",
        "// {{< youtube keptInCode >}} stays in code",
        "```",
        "",
        "```markdown",
        '{{< figure src="shown.png" >}}',
        "```",
        "",
        '{{< tweet user="harborclerk" id="1" >}}',
        "",
      ].join("\n"),
    );
    expect(article(out, "tide-gauge").body).toBe(
      [
        "The gauge was repaired after the January storms.",
        "",
        '<figure><img src="gauge.png" alt="The repaired gauge"><figcaption>The repaired gauge</figcaption></figure>',
        "",
        '<figure><img src="gauge.png" alt="Seen from the breakwater"><figcaption>Seen from the breakwater</figcaption></figure>',
        "",
      ].join("\n"),
    );
  });
});

describe("npm run import -- --from jekyll", () => {
  it("dates posts from the front matter or the file name, copies site images, and reports the rest", () => {
    const out = tempOut();
    const result = run("--from", "jekyll", jekyllSite, "--out", out);

    expect(result.errors).toEqual([]);
    expect(result.out).toEqual([
      "_posts/2016-11-21-pier-lights-return.md:26: image /assets/images/missing-lamp.png not found at assets/images/missing-lamp.png; left as written",
      "_posts/2016-11-21-pier-lights-return.md:38: could not convert {% include unknown.html %}",
      "_posts/2017-03-04-harbour-choir.markdown:1: no summary in the front matter; used the first paragraph",
      '_posts/2018-5-1-Café-Reopens.md:3: date "2018-05-01 18:45" has no time zone; written as 2018-05-01T18:45:00+00:00',
      `Imported 3 articles (3 with images) into ${out}; 2 things not converted; 2 values filled in; 0 skipped (already there)`,
    ]);
    expect(result.code).toBe(0);

    expect(filesUnder(out)).toEqual([
      "cafe-reopens/index.md",
      "cafe-reopens/pier-lights.png",
      "harbour-choir/index.md",
      "harbour-choir/pier-lights.png",
      "pier-lights-return/index.md",
      "pier-lights-return/pier-lights.png",
    ]);
    const source = fs.readFileSync(path.join(jekyllSite, "assets/images/pier-lights.png"));
    expect(fs.readFileSync(path.join(out, "pier-lights-return/pier-lights.png"))).toEqual(source);

    expect(article(out, "pier-lights-return").frontMatter).toEqual({
      title: "Pier lights return after the repairs",
      date: "2016-11-21T10:30:00+00:00",
      // "categories: local news" is Jekyll's space-separated list; the first is the category.
      category: "local",
      summary: "The lamps along the east pier are lit again after a year of repairs.",
      author: "Tomas Reyl",
      tags: ["lighting", "harbour"],
    });
    expect(article(out, "harbour-choir").frontMatter).toEqual({
      title: "Harbour choir sings from the pier",
      date: "2017-03-04",
      updated: "2017-03-05",
      category: "music",
      summary: "Forty singers from the harbour choir gave a concert on the east pier on Saturday, under lamps that were dark a year ago.",
      image: "pier-lights.png",
      imageAlt: "Singers under the pier lamps",
      draft: true,
    });
    expect(article(out, "cafe-reopens").frontMatter).toEqual({
      title: "Café on the quay reopens",
      date: "2018-05-01T18:45:00+00:00",
      category: "food-and-drink",
      summary: "The quayside café reopens with a new terrace.",
      tags: ["coffee", "quay"],
    });
    expect(article(out, "cafe-reopens").body).toBe("![The new terrace](pier-lights.png)\n\nThe café's terrace now seats forty.\n");
    expectEveryArticleValid(out, ["/assets/images/missing-lamp.png"]);
  });

  it("converts Liquid outside code, undoes {% raw %} inside it, and drops comments", () => {
    const out = tempOut();
    run("--from", "jekyll", jekyllSite, "--out", out);

    expect(article(out, "pier-lights-return").body).toBe(
      [
        "The lamps along the east pier were switched on again last night.",
        "",
        "![The east pier at dusk](pier-lights.png)",
        "",
        "Read about [the choir's concert](/articles/harbour-choir) on the pier.",
        "",
        "```ruby",
        "lamps = 42",
        'puts "#{lamps} lamps lit"',
        "```",
        "",
        "",
        "![A lamp that is not in the site](/assets/images/missing-lamp.png)",
        "",
        "```liquid",
        "{{ page.title }}",
        "```",
        "",
        '::video{src="https://www.youtube.com/watch?v=pierLights1"}',
        "",
        '::video{src="https://www.youtube.com/watch?v=harbourTour"}',
        "",
        "The wiring plan is in [View the gist on GitHub](https://gist.github.com/harborclerk/9f8e7d) and the lamp list in [View the gist on GitHub](https://gist.github.com/4c3b2a).",
        "",
        "{% include unknown.html %}",
        "",
      ].join("\n"),
    );
  });
});

describe("npm run import: never overwrites", () => {
  it("skips an article already in the content folder, and a second run imports nothing and exits 1", () => {
    const out = tempOut();
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "night-market.md"), "an editor's own file\n");

    const first = run("--from", "hugo", hugoSite, "--out", out);
    expect(first.out).toContain(`content/posts/night-market.md:1: not imported: ${path.join(out, "night-market.md")} is already there`);
    expect(first.out.at(-1)).toBe(`Imported 3 articles (2 with images) into ${out}; 1 thing not converted; 1 value filled in; 1 skipped (already there)`);
    expect(first.code).toBe(0);
    expect(fs.readFileSync(path.join(out, "night-market.md"), "utf8")).toBe("an editor's own file\n");

    const before = new Map(filesUnder(out).map((name) => [name, fs.readFileSync(path.join(out, name))]));
    const second = run("--from", "hugo", hugoSite, "--out", out);
    expect(second.out).toEqual([
      `content/posts/harbour-ferry-timetable.md:1: not imported: ${path.join(out, "harbour-ferry-timetable")} is already there`,
      `content/posts/harbour-wall-survey.md:1: not imported: ${path.join(out, "harbour-wall-survey.md")} is already there`,
      `content/posts/night-market.md:1: not imported: ${path.join(out, "night-market.md")} is already there`,
      `content/posts/tide-gauge/index.md:1: not imported: ${path.join(out, "tide-gauge")} is already there`,
      `Imported 0 articles (0 with images) into ${out}; 0 things not converted; 4 skipped (already there)`,
    ]);
    expect(second.code).toBe(1);
    expect(new Map(filesUnder(out).map((name) => [name, fs.readFileSync(path.join(out, name))]))).toEqual(before);
  });
});

describe("npm run import: bad usage and unreadable sites", () => {
  const usage = "Usage: npm run import -- --from hugo|jekyll <site folder> [--out <content folder>] [--category <slug>]";

  it.each([
    [[hugoSite], "--from is required: hugo or jekyll"],
    [["--from", "eleventy", hugoSite], '--from must be hugo or jekyll, not "eleventy"'],
    [["--from", "hugo"], "expected one site folder, found none"],
    [["--from", "hugo", hugoSite, jekyllSite], `expected one site folder, found ${hugoSite} ${jekyllSite}`],
    [["--from", "hugo", hugoSite, "--category", "Local News"], '--category must be lowercase words joined by hyphens (like "local-news"), not "Local News"'],
    [["--from", "hugo", hugoSite, "--ouput", "x"], "Unknown option '--ouput'"],
  ])("%j fails with a message and the usage", (args, message) => {
    const result = run(...args);
    expect(result).toEqual({ code: 1, out: [], errors: [`${message}\n${usage}`] });
  });

  it("names the folder that is missing or is not the generator's", () => {
    const missing = path.join(os.tmpdir(), "no-such-site-for-import");
    expect(run("--from", "hugo", missing, "--out", tempOut()).errors).toEqual([`cannot read the site folder: ${missing} does not exist`]);
    expect(run("--from", "hugo", jekyllSite, "--out", tempOut())).toEqual({
      code: 1,
      out: [],
      errors: [`not a Hugo site (its posts would be in content/): ${path.join(jekyllSite, "content")} does not exist`],
    });
    expect(run("--from", "jekyll", hugoSite, "--out", tempOut()).errors).toEqual([
      `not a Jekyll site (its posts would be in _posts/): ${path.join(hugoSite, "_posts")} does not exist`,
    ]);
  });

  it("--help prints the usage and succeeds", () => {
    expect(run("--help")).toEqual({ code: 0, out: [usage], errors: [] });
  });

  it("runs as a command: exit 1 without a stack trace on bad usage, exit 0 with the summary on success", () => {
    const tsx = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/import-site.ts", ...args], { cwd: root, encoding: "utf8" });

    const bad = tsx("--from", "hugo", path.join(os.tmpdir(), "no-such-site-for-import"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^cannot read the site folder: .* does not exist\n$/);

    const out = tempOut();
    const good = tsx("--from", "jekyll", jekyllSite, "--out", out);
    expect(good.stderr).toBe("");
    expect(good.stdout).toMatch(/\nImported 3 articles \(3 with images\) into .*; 2 things not converted; 2 values filled in; 0 skipped \(already there\)\n$/);
    expect(good.status).toBe(0);
  }, 60_000); // Two tsx processes, each about 2 s on an idle machine.
});

describe("import conversions", () => {
  it.each([
    ["2016-11-21 10:30:00 +0000", "2016-11-21T10:30:00+00:00"],
    ["2022-02-07 08:30:00+00:00", "2022-02-07T08:30:00+00:00"],
    ["2016-11-21 10:30:00 -0500", "2016-11-21T10:30:00-05:00"],
    ["2014-2-13", "2014-02-13"],
    ["2014-02-13T10:00:00Z", "2014-02-13T10:00:00+00:00"],
    ["2014-02-13T23:59:59.250+02:00", "2014-02-13T23:59:59.250+02:00"],
  ])("date %s is written %s", (written, expected) => {
    expect(canonicalDate(written)).toEqual({ text: expected, noZone: false });
  });

  it("keeps TOML's native dates as written, and flags a local date-time", () => {
    const toml = parseToml("day = 2021-06-05\nlocal = 2021-06-05T19:00:00\nzoned = 2021-06-05T19:00:00-07:00");
    expect(canonicalDate(toml.day)).toEqual({ text: "2021-06-05", noZone: false });
    expect(canonicalDate(toml.local)).toEqual({ text: "2021-06-05T19:00:00+00:00", noZone: true });
    expect(canonicalDate(toml.zoned)).toEqual({ text: "2021-06-05T19:00:00-07:00", noZone: false });
  });

  it.each(["2014-02-30", "21 November 2016", "2016-11-21 25:00", ""])("%j is not a date", (written) => {
    expect(canonicalDate(written)).toBeUndefined();
  });

  it("makes slugs of ASCII words, stripping accents", () => {
    expect(slugify("Évènements à la Plage")).toBe("evenements-a-la-plage");
    expect(slugify("  Don't   panic -- it's 2024! ")).toBe("dont-panic-its-2024");
    expect(slugify("日本")).toBe("");
  });

  it("cuts a long first paragraph at a word boundary, within 200 characters", () => {
    const summary = shorten(`${"word ".repeat(60)}end`);
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary).toMatch(/ word…$/);
    expect(shorten("Short enough.")).toBe("Short enough.");
  });

  it("joins site URLs into one root-relative path, and escapes figure text", () => {
    expect(convertTemplates("[a]({{ site.url }}{{ site.baseurl }}/about) [b]({{ site.url }}) ![c]({{ '/x.png' | relative_url }})").text).toBe(
      "[a](/about) [b](/) ![c](/x.png)",
    );
    expect(convertTemplates('{{< figure src="a b.png" caption="x < y & \\"z\\"" />}}').text).toBe(
      '<figure><img src="a b.png" alt="x &lt; y &amp; &quot;z&quot;"><figcaption>x &lt; y &amp; "z"</figcaption></figure>',
    );
  });

  it("puts a video on a line of its own, and leaves an id the site could not embed", () => {
    const converted = convertTemplates("Watch {{< vimeo 305511231 >}} now.\n\n{% include youtube.html id=page.video %}\n\n{{< youtube tooShort >}}\n");
    expect(converted.text).toBe('Watch \n::video{src="https://vimeo.com/305511231"}\n now.\n\n{% include youtube.html id=page.video %}\n\n{{< youtube tooShort >}}\n');
    expect(converted.problems.map((problem) => problem.what)).toEqual([
      "could not convert {% include youtube.html id=page.video %}",
      "could not convert {{< youtube tooShort >}}",
    ]);
  });

  it("keeps {% raw %} content as written and reports an unclosed block where it starts", () => {
    const body = "Intro\n\n{% raw %}{{ page.title }} {% include x.html %}{% endraw %}\n\n{% highlight ruby %}\nputs 1\n";
    const converted = convertTemplates(body);
    expect(converted.text).toBe("Intro\n\n{{ page.title }} {% include x.html %}\n\n{% highlight ruby %}\nputs 1\n");
    expect(converted.problems).toEqual([{ offset: body.indexOf("{% highlight"), what: "could not convert {% highlight ruby %} (no closing tag)" }]);
  });
});
