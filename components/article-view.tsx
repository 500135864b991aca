import Image from "next/image";
import Link from "next/link";
import type { Article, ArticleBody } from "@/lib/content/article-schema";
import { ArticleMeta, Byline } from "./article-meta";
import { CategoryLink } from "./category-link";
import { Corrections } from "./corrections";
import { LiveViewCount } from "./live-view-count";
import { ReadingProgress } from "./reading-progress";
import { RelatedArticles, type RelatedItem } from "./related-articles";
import { SourceLine } from "./source-line";
import { TableOfContents } from "./table-of-contents";
import { TagList } from "./tag-list";
import { VideoFacades } from "./video-facades";

const OPTIMIZABLE_HERO = /^\/[^/].*\.(?:png|jpe?g|webp|avif)$/i;

type Props = {
  article: Article;
  body: ArticleBody;
  related: RelatedItem[];
  /** The count when rendered; undefined hides it until the beacon answers. */
  views?: number;
};

/** A whole article page, in the order a news reader expects. */
export function ArticleView({ article, body, related, views }: Props) {
  return (
    <>
      <ReadingProgress url={article.url} title={article.title} />
      <article className="article">
        <p className="back">
          <Link href="/">← Back to Home</Link>
        </p>
        <header className="article-header">
          <CategoryLink category={article.category} categoryLabel={article.categoryLabel} />
          <h1>
            {article.title}
            {article.draft && <span className="draft-badge"> Draft</span>}
          </h1>
          <ArticleMeta date={article.date} updated={article.updated} readingTime={article.readingTime} views={<LiveViewCount slug={article.slug} initialViews={views} />} />
          {article.author && <Byline author={article.author} />}
          <p className="standfirst">{article.summary}</p>
        </header>
        {article.image && (
          <figure className="hero">
            {/* A local photo goes through Next's optimizer in the widths a screen needs; SVGs and other
                hosts' images are shown as they are. Either way the box is reserved: no layout shift. */}
            {OPTIMIZABLE_HERO.test(article.image) ? (
              <Image src={article.image} alt={article.imageAlt ?? ""} width={1200} height={630} sizes="(max-width: 44rem) 100vw, 42rem" preload />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={article.image} alt={article.imageAlt ?? ""} width={1200} height={630} />
            )}
          </figure>
        )}
        <TableOfContents headings={body.headings} />
        <div className="prose" dangerouslySetInnerHTML={{ __html: body.html }} />
        {body.html.includes('class="video-facade"') && <VideoFacades />}
        <Corrections corrections={article.corrections} />
        <noscript>
          {/* Counts readers without JavaScript, by the same rules as the beacon; a 1×1 transparent image. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img className="view-pixel" src={`/api/views/${article.slug}/pixel`} alt="" width={1} height={1} />
        </noscript>
        <footer className="article-footer">
          {article.source && <SourceLine source={article.source} />}
          <TagList tags={article.tags} />
        </footer>
      </article>
      <RelatedArticles articles={related} />
    </>
  );
}
