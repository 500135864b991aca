import fs from "node:fs";
import path from "node:path";
import { pick, pickList } from "./fields";
import { requireFolder, toPosix, type Generator, type SourcePost } from "./site";
import { slugFromPath } from "./slug";

const PAGE = /\.(?:md|markdown)$/i;
const BUNDLE_PAGE = /^index\.(?:md|markdown)$/i;
// _index.md is a list page; index.md is a page bundle's own page, found through its folder.
const INDEX = /^_?index\.(?:md|markdown)$/i;

export const hugo: Generator = {
  findPosts(siteDir) {
    const contentDir = path.join(siteDir, "content");
    requireFolder(contentDir, "not a Hugo site (its posts would be in content/)");
    const posts: SourcePost[] = [];
    const post = (file: string, bundle: boolean) => {
      const shown = toPosix(path.relative(siteDir, file));
      posts.push({
        file,
        shown,
        slug: slugFromPath(shown),
        images: { siteDir, publicDir: path.join(siteDir, "static"), postDir: path.dirname(file), bundle },
      });
    };
    const visit = (dir: string) => {
      const entries = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => !entry.name.startsWith("."))
        .sort((a, b) => a.name.localeCompare(b.name));
      const bundleIndex = entries.find((entry) => entry.isFile() && BUNDLE_PAGE.test(entry.name));
      if (bundleIndex && dir !== contentDir) return post(path.join(dir, bundleIndex.name), true);
      for (const entry of entries) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (entry.isFile() && PAGE.test(entry.name) && !INDEX.test(entry.name)) post(file, false);
      }
    };
    visit(contentDir);
    return posts;
  },

  fields: (data) => ({
    title: pick(data, ["title"]),
    date: pick(data, ["date"]),
    updated: pick(data, ["lastmod"]),
    categories: pickList(data, ["categories"]),
    tags: pickList(data, ["tags"]),
    summary: pick(data, ["description", "summary"]),
    author: pickList(data, ["author", "authors"]),
    // "images" is Hugo's own; the others are what popular themes read for a featured image.
    image: pick(data, ["images", "featured_image", "featuredImage", "image", "cover.image"]),
    imageAlt: pick(data, ["imageAlt", "image_alt", "cover.alt"]),
    draft: data.draft === true,
  }),
};
