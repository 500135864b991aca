import fs from "node:fs";
import path from "node:path";
import { canonicalDate } from "./dates";
import { pick, pickList } from "./fields";
import { requireFolder, toPosix, type Generator } from "./site";
import { slugify } from "../slugify";

// Jekyll publishes only files named like this; anything else in _posts is not a post.
const POST_NAME = /^(\d{4}-\d{1,2}-\d{1,2})-(.+)\.(?:md|markdown)$/i;

export const jekyll: Generator = {
  findPosts(siteDir) {
    const postsDir = path.join(siteDir, "_posts");
    requireFolder(postsDir, "not a Jekyll site (its posts would be in _posts/)");
    return fs
      .readdirSync(postsDir, { recursive: true, encoding: "utf8" })
      .sort()
      .flatMap((name) => {
        const match = POST_NAME.exec(path.basename(name));
        const file = path.join(postsDir, name);
        if (!match || !fs.statSync(file).isFile()) return [];
        return [
          {
            file,
            shown: toPosix(path.relative(siteDir, file)),
            slug: slugify(match[2]!),
            images: { siteDir, publicDir: siteDir, postDir: path.dirname(file), bundle: false },
            dateFromName: canonicalDate(match[1])?.text,
          },
        ];
      });
  },

  // Like Jekyll, a singular "category" or "tag" is one name, while a "categories" or "tags" string
  // is a space-separated list; the singular wins when both are written.
  fields: (data) => ({
    title: pick(data, ["title"]),
    date: pick(data, ["date"]),
    updated: pick(data, ["last_modified_at"]),
    categories: pickList(data, ["category"]) ?? pickList(data, ["categories"], true),
    tags: pickList(data, ["tag"]) ?? pickList(data, ["tags"], true),
    summary: pick(data, ["excerpt", "description"]),
    author: pickList(data, ["author", "authors"]),
    // "image" may be jekyll-seo-tag's {path, alt}; header.image is Minimal Mistakes'.
    image: pick(data, ["image", "image.path", "header.image"]),
    imageAlt: pick(data, ["image_alt", "image.alt", "header.image_description"]),
    draft: data.published === false,
  }),
};
