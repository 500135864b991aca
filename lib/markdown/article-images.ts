import fs from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { imageSize } from "image-size";
import { visit } from "unist-util-visit";
import { IMAGE_WIDTHS } from "./image-widths";

/** Where an article's local images are found, and the URL they are served at. */
export type ImageContext = {
  /** `public/`, for root paths such as /images/map.png. */
  publicDir: string;
  /** The article's folder (content/<slug>/), for paths relative to it; undefined for a single-file article. */
  folder?: string;
  /** The URL prefix of the folder's files (/articles/<slug>). */
  folderUrl: string;
};

export type ResolvedImage = { src: string; width?: number; height?: number; responsive: boolean };

/** A local image that is not there, to be reported as a content problem. */
export type MissingImage = { src: string; line?: number; message: string };

// Formats Next's image optimizer re-encodes to smaller sizes and modern formats; SVG and GIF are served as they are.
const OPTIMIZABLE = /\.(?:png|jpe?g|webp|avif)$/i;
/** The column an article image fills: the full width on a phone, 42rem of text column on a desktop. */
const SIZES = "(max-width: 44rem) 100vw, 42rem";

function isLocal(src: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith("//") && !src.startsWith("#");
}

function dimensions(file: string): { width?: number; height?: number } {
  try {
    const { width, height } = imageSize(fs.readFileSync(file));
    return { width, height };
  } catch {
    // A format image-size cannot read still shows; it just reserves no box.
    return {};
  }
}

/**
 * The file behind a local image path, the URL it is served at, and its size; or why it cannot
 * be served. Relative paths must stay inside the article's folder.
 */
export function resolveImage(written: string, context: ImageContext, { measure = true }: { measure?: boolean } = {}): ResolvedImage | { problem: string } | undefined {
  if (!isLocal(written)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(written.split(/[?#]/)[0]!);
  } catch {
    return { problem: `expected an image path, found ${JSON.stringify(written)}, which is not valid percent-encoding` };
  }
  const relative = !decoded.startsWith("/");
  if (relative && !context.folder) {
    return { problem: `expected the image ${JSON.stringify(written)} beside the article, which needs the article to be a folder (content/<slug>/index.md with the image in it), or a path under public/ such as /images/x.png` };
  }
  const base = relative ? context.folder! : context.publicDir;
  const file = path.resolve(base, relative ? decoded : `.${decoded}`);
  if (file !== base && !file.startsWith(`${base}${path.sep}`)) {
    return { problem: `expected the image ${JSON.stringify(written)} inside ${relative ? "the article's folder" : "public/"}, found a path that leaves it` };
  }
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    return { problem: `expected the image ${JSON.stringify(written)} at ${path.relative(process.cwd(), file)}, found no such file` };
  }
  const src = relative ? `${context.folderUrl}/${path.relative(context.folder!, file).split(path.sep).map(encodeURIComponent).join("/")}` : written;
  return { src, ...(measure ? dimensions(file) : {}), responsive: OPTIMIZABLE.test(file) };
}

/**
 * srcset through Next's image optimizer, which serves each width as WebP when the browser takes
 * it. The widest candidate asks for the next allowed width; the optimizer never enlarges, so it
 * gets the image's own.
 */
function srcset(src: string, width: number): string {
  const url = (allowed: number) => `/_next/image?url=${encodeURIComponent(src)}&w=${allowed}&q=75`;
  const smaller = IMAGE_WIDTHS.filter((allowed) => allowed < width);
  const widest = IMAGE_WIDTHS.find((allowed) => allowed >= width) ?? IMAGE_WIDTHS.at(-1)!;
  return [...smaller.map((allowed) => `${url(allowed)} ${allowed}w`), `${url(widest)} ${Math.min(width, widest)}w`].join(", ");
}

export type ImagePlacement = {
  context?: ImageContext;
  missing: MissingImage[];
  firstLine: number;
  /** Read each file's width and height (the page needs them; the body scan does not). */
  measure?: boolean;
};

/**
 * Resolves one sanitized `<img>`: a local image is served from the article's folder or public/,
 * with its width and height (no layout shift), lazy loading and responsive sizes. A local image
 * that is not there is recorded in `missing`, which fails the article, and keeps the src written.
 */
export function placeImage(node: Element, options: ImagePlacement): void {
  const { context } = options;
  if (!context || typeof node.properties.src !== "string") return;
  const resolved = resolveImage(node.properties.src, context, { measure: options.measure });
  if (!resolved) return;
  if ("problem" in resolved) {
    const line = node.position ? node.position.start.line + options.firstLine - 1 : undefined;
    options.missing.push({ src: node.properties.src, line, message: resolved.problem });
    return;
  }
  node.properties.src = resolved.src;
  if (resolved.width && resolved.height) {
    node.properties.width ??= resolved.width;
    node.properties.height ??= Math.round((resolved.height * Number(node.properties.width)) / resolved.width) || resolved.height;
  }
  if (resolved.responsive && resolved.width) {
    node.properties.srcSet = srcset(resolved.src, resolved.width);
    node.properties.sizes = SIZES;
  }
  node.properties.loading ??= "lazy";
  node.properties.decoding = "async";
}

/**
 * Resolves every local image of the body after sanitizing (placeImage), and lists the src of
 * every image, local or remote, in document order.
 */
export function rehypeImages(options: ImagePlacement & { images: string[] }) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "img") return;
      placeImage(node, options);
      if (typeof node.properties.src === "string") options.images.push(node.properties.src);
    });
  };
}
