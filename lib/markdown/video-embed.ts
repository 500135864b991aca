import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

/** A video an article embeds: where to watch it, and the privacy-friendly player loaded on click. */
export type VideoEmbed = { watch: string; player: string; host: "YouTube" | "Vimeo" };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

function youtubeId(url: URL): string | undefined {
  const host = url.hostname.replace(/^(www\.|m\.)/, "");
  let id: string | undefined;
  if (host === "youtu.be") id = url.pathname.slice(1);
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    id = url.pathname === "/watch" ? (url.searchParams.get("v") ?? undefined) : /^\/(?:embed|shorts|live)\/([^/]+)/.exec(url.pathname)?.[1];
  }
  return id && YOUTUBE_ID.test(id) ? id : undefined;
}

function vimeoId(url: URL): string | undefined {
  const host = url.hostname.replace(/^www\./, "");
  const id = host === "vimeo.com" ? url.pathname.slice(1) : host === "player.vimeo.com" ? /^\/video\/(\d+)/.exec(url.pathname)?.[1] : undefined;
  return id && VIMEO_ID.test(id) ? id : undefined;
}

/** The embed for a YouTube or Vimeo address (watch page, short link or player), or undefined for any other. */
export function videoEmbed(address: string): VideoEmbed | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const youtube = youtubeId(url);
  if (youtube) {
    return { host: "YouTube", watch: `https://www.youtube.com/watch?v=${youtube}`, player: `https://www.youtube-nocookie.com/embed/${youtube}?autoplay=1` };
  }
  const vimeo = vimeoId(url);
  if (vimeo) return { host: "Vimeo", watch: `https://vimeo.com/${vimeo}`, player: `https://player.vimeo.com/video/${vimeo}?autoplay=1&dnt=1` };
  return undefined;
}

/** An element that stands for a video until after sanitizing; `data` survives the sanitizer, attributes would not. */
export function videoPlaceholder(video: VideoEmbed, title: string): Element {
  return { type: "element", tagName: "div", properties: {}, children: [], data: { video: { ...video, title } } as Element["data"] };
}

/**
 * Marks each video for rehypeVideoFacades, after rehype-raw (which rebuilds the tree and keeps
 * attributes, not `data`): the `::video` directive (markdown-directives.ts), and a raw `<iframe>`
 * of a YouTube or Vimeo player, which becomes the same facade. Markup that imitates the directive's
 * attributes gets no further: the address is checked here like the directive's.
 */
export function rehypeVideoPlaceholders() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      const directive = node.tagName === "div" && node.properties.dataVideoSrc !== undefined;
      if (!directive && node.tagName !== "iframe") return;
      const video = videoEmbed(String((directive ? node.properties.dataVideoSrc : node.properties.src) ?? ""));
      if (!video) return;
      const title = String((directive ? node.properties.dataVideoTitle : node.properties.title) ?? "");
      parent.children[index] = { ...videoPlaceholder(video, title), position: node.position };
    });
  };
}

/**
 * Turns each placeholder into a click-to-load facade: a link to the video's own page, which works
 * without script, and which components/video-facades.tsx swaps for the player on click. Nothing
 * is fetched from the video host until the reader asks.
 */
export function rehypeVideoFacades() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      const video = (node.data as { video?: VideoEmbed & { title: string } } | undefined)?.video;
      if (!video) return;
      const label = video.title || `${video.host} video`;
      const children: ElementContent[] = [
        { type: "element", tagName: "span", properties: { className: ["video-play"], ariaHidden: "true" }, children: [{ type: "text", value: "▶" }] },
        { type: "element", tagName: "span", properties: { className: ["video-title"] }, children: [{ type: "text", value: label }] },
        { type: "element", tagName: "span", properties: { className: ["video-host"] }, children: [{ type: "text", value: `Play on ${video.host}` }] },
      ];
      node.tagName = "figure";
      node.properties = { className: ["video"] };
      node.children = [
        {
          type: "element",
          tagName: "a",
          properties: { className: ["video-facade"], href: video.watch, dataVideoPlayer: video.player, dataVideoTitle: label, rel: ["noopener", "noreferrer"] },
          children,
        },
      ];
      node.data = undefined;
    });
  };
}
