import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { articleImageFile } from "@/lib/content/article-assets";
import { loadArticles } from "@/lib/content/articles";
import { renderMarkdown } from "@/lib/markdown/markdown";
import { contentErrorOf, fixture, renderedArticles, tempContentDir } from "./fixtures";

const dom = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body;

describe("an article that is a folder, with its images beside it", () => {
  const [article] = renderedArticles(fixture("article-folders"));

  it("takes its slug from the folder and resolves its relative images to where they are served", () => {
    expect(article!.slug).toBe("harbour-survey");
    expect(article!.image).toBe("/articles/harbour-survey/photos/pier.jpg");
    const images = [...dom(article!.html).querySelectorAll("img")].map((img) => img.getAttribute("src"));
    expect(images).toEqual(["/articles/harbour-survey/chart.png", "/articles/harbour-survey/photos/pier.jpg", "/images/newsroom-default.png", "https://example.com/photo.jpg"]);
  });

  it("gives local images their width and height from the file, lazy loading, and responsive sizes through the optimizer", () => {
    const [chart, pier, site, remote] = [...dom(article!.html).querySelectorAll("img")];
    expect([chart!.getAttribute("width"), chart!.getAttribute("height")]).toEqual(["400", "225"]);
    expect([pier!.getAttribute("width"), pier!.getAttribute("height")]).toEqual(["800", "450"]);
    expect([site!.getAttribute("width"), site!.getAttribute("height")]).toEqual(["1200", "630"]);
    expect(chart!.getAttribute("loading")).toBe("lazy");
    expect(chart!.getAttribute("srcset")).toBe("/_next/image?url=%2Farticles%2Fharbour-survey%2Fchart.png&w=640&q=75 400w");
    expect(pier!.getAttribute("srcset")).toBe(
      ["640w", "750w", "800w"].map((w, i) => `/_next/image?url=%2Farticles%2Fharbour-survey%2Fphotos%2Fpier.jpg&w=${[640, 750, 828][i]}&q=75 ${w}`).join(", "),
    );
    expect(site!.getAttribute("srcset")?.split(", ")).toHaveLength(5);
    expect(chart!.getAttribute("sizes")).toBe("(max-width: 44rem) 100vw, 42rem");
    // Remote images are the editor's to size; nothing is fetched to measure them.
    expect(remote!.getAttribute("width")).toBeNull();
    expect(remote!.getAttribute("srcset")).toBeNull();
  });

  it("treats an image from HTTPS:// (any case of the scheme) as the remote https image it is", () => {
    const images = { publicDir: path.resolve("public"), folder: fixture("article-folders/harbour-survey"), folderUrl: "/articles/harbour-survey" };
    const upper = renderMarkdown("![Remote](HTTPS://example.com/photo.jpg)\n\n<img src=\"Https://example.com/Raw.PNG\" alt=\"Raw\">", { images });
    const lower = renderMarkdown("![Remote](https://example.com/photo.jpg)\n\n<img src=\"https://example.com/Raw.PNG\" alt=\"Raw\">", { images });
    expect({ images: upper.images, missing: upper.missingImages }).toEqual({ images: ["https://example.com/photo.jpg", "https://example.com/Raw.PNG"], missing: [] });
    expect(upper.html).toBe(lower.html);
    // Not resolved, measured or sent through the optimizer: the editor's to size, like any remote image.
    const [remote] = [...dom(upper.html).querySelectorAll("img")];
    expect(["src", "width", "srcset", "loading"].map((name) => remote!.getAttribute(name))).toEqual(["https://example.com/photo.jpg", null, null, null]);
  });

  it("names the file and the path of a local image that is not there", () => {
    const error = contentErrorOf(() => loadArticles(fixture("relative-image-single-file")));
    expect(error.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^line 10: expected the image "chart.png" beside the article, which needs the article to be a folder/),
      'line 12: expected the image "/images/not-there.png" at public/images/not-there.png, found no such file',
    ]);
    expect(error.problems.every((problem) => problem.file.endsWith("lonely.md") && problem.field === "body")).toBe(true);
  });

  it("refuses image paths that leave the folder, and a missing hero image", () => {
    const dir = path.join(tempContentDir(), "content");
    fs.mkdirSync(path.join(dir, "escape"), { recursive: true });
    fs.writeFileSync(path.join(dir, "..", "secret.png"), "x");
    fs.writeFileSync(
      path.join(dir, "escape", "index.md"),
      "---\ntitle: T\ndate: 2026-04-21\ncategory: tech\nsummary: S.\nimage: gone.png\nimageAlt: Gone\n---\n\n![x](../../secret.png)\n",
    );
    const error = contentErrorOf(() => loadArticles(dir));
    expect(error.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      expect.stringMatching(/^image: expected the image "gone.png" at .*escape\/gone.png, found no such file$/),
      `body: line 10: expected the image "../../secret.png" inside the article's folder, found a path that leaves it`,
    ]);
  });

  it("serves only images from inside a folder: no markdown, hidden files, links or paths that leave it", () => {
    const dir = fixture("article-folders");
    expect(articleImageFile(dir, "harbour-survey", ["photos", "pier.jpg"])).toEqual({ file: path.join(dir, "harbour-survey/photos/pier.jpg"), type: "image/jpeg" });
    expect(articleImageFile(dir, "harbour-survey", ["chart.png"])?.type).toBe("image/png");
    for (const segments of [["index.md"], ["missing.png"], ["..", "harbour-survey", "chart.png"], [".hidden.png"], ["photos/../chart.png"], []]) {
      expect(articleImageFile(dir, "harbour-survey", segments), segments.join("/")).toBeUndefined();
    }
    const linked = tempContentDir();
    fs.mkdirSync(path.join(linked, "a"));
    fs.symlinkSync(path.join(dir, "harbour-survey", "chart.png"), path.join(linked, "a", "link.png"));
    expect(articleImageFile(linked, "a", ["link.png"])).toBeUndefined();
  });
});
