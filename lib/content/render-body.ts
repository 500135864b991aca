import type { ImageContext } from "../markdown/article-images";
import { renderMarkdown } from "../markdown/markdown";
import type { ArticleBody } from "./article-schema";

/** Everything rendering one body needs, as plain data a worker thread can be sent. */
export type RenderJob = { markdown: string; firstLine: number; images: ImageContext };

/** Renders a body on the calling thread. */
export function renderBodyNow({ markdown, firstLine, images }: RenderJob): ArticleBody {
  const { html, headings } = renderMarkdown(markdown, { firstLine, images });
  return { html, headings };
}
