import type { MetadataRoute } from "next";
import { archive, getAuthors, getCategories, getTags, newestArticles } from "@/lib/archive/archive";
import { authorHref } from "@/lib/content/author-slug";
import { absoluteUrl } from "@/lib/pages/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const [latest] = newestArticles(1);
  const newest = latest && new Date(latest.date.time);
  return [
    { url: absoluteUrl("/"), lastModified: newest, changeFrequency: "hourly", priority: 1 },
    ...getCategories().map((category) => ({ url: absoluteUrl(`/category/${category.name}`), lastModified: newest, priority: 0.7 })),
    ...getTags().map((tag) => ({ url: absoluteUrl(`/tags/${tag.name}`), priority: 0.4 })),
    ...getAuthors().map((author) => ({ url: absoluteUrl(authorHref(author.slug)), priority: 0.4 })),
    // An article was last modified when it was last updated, else when it was published.
    ...Array.from(archive().all(), (article) => ({
      url: absoluteUrl(article.url),
      lastModified: new Date((article.updated ?? article.date).time),
      priority: 0.8,
    })),
  ];
}
