import fs from "node:fs";
import path from "node:path";
import { toPosix } from "./site";

const IMAGE_FILE = /\.(?:png|jpe?g|gif|svg|webp|avif)$/i;

/** Where a post's images are: root-relative paths under the site's public folder, relative ones beside the post. */
export type ImageRoots = {
  siteDir: string;
  /** Hugo's static/, Jekyll's site folder. */
  publicDir: string;
  postDir: string;
  /** A Hugo page bundle: every image in its folder travels with it. */
  bundle: boolean;
};

/** What to write for an image: its new reference, or the site-relative path where it was looked for in vain. */
export type Placement = { written: string } | { notFound: string };

const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;

function decoded(reference: string): string {
  try {
    return decodeURIComponent(reference);
  } catch {
    return reference;
  }
}

/** The images one article carries, by their path beside it. */
export class ArticleImages {
  /** Path beside the article → the source file copied there. */
  readonly files = new Map<string, string>();

  constructor(private readonly roots: ImageRoots) {
    if (!roots.bundle) return;
    for (const name of fs.readdirSync(roots.postDir, { recursive: true, encoding: "utf8" })) {
      const file = path.join(roots.postDir, name);
      if (IMAGE_FILE.test(name) && isFile(file)) this.files.set(toPosix(name), file);
    }
  }

  /**
   * Remote images stay as written; relative ones stay as written and are copied to the same
   * path beside the article; a root-relative one is copied beside the article under its bare
   * file name, which becomes the reference.
   */
  place(reference: string): Placement {
    if (reference === "" || /^(?:[a-z][a-z\d+.-]*:|\/\/|#)/i.test(reference)) return { written: reference };
    const wanted = decoded(reference.replace(/[?#].*$/, ""));
    const rootRelative = wanted.startsWith("/");
    const root = rootRelative ? this.roots.publicDir : this.roots.postDir;
    const file = path.resolve(root, wanted.replace(/^\/+/, ""));
    if (!file.startsWith(root + path.sep) || !isFile(file)) {
      return { notFound: toPosix(path.relative(this.roots.siteDir, file)) };
    }
    if (!rootRelative) {
      this.files.set(toPosix(path.relative(root, file)), file);
      return { written: reference };
    }
    return { written: this.besideName(file) };
  }

  private besideName(file: string): string {
    for (const [name, source] of this.files) if (source === file) return name;
    const { name, ext } = path.parse(file);
    let beside = `${name}${ext}`;
    for (let n = 2; this.files.has(beside); n++) beside = `${name}-${n}${ext}`;
    this.files.set(beside, file);
    return beside;
  }
}
