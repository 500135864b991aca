import type { MetadataRoute } from "next";
import { getAllArticles, getCategories, getTags } from "@/lib/content/articles";
import { absoluteUrl } from "@/lib/pages/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const articles = getAllArticles();
  const newest = articles[0] && new Date(articles[0].date.time);
  return [
    { url: absoluteUrl("/"), lastModified: newest, changeFrequency: "hourly", priority: 1 },
    ...getCategories().map((category) => ({ url: absoluteUrl(`/category/${category.name}`), lastModified: newest, priority: 0.7 })),
    ...getTags().map((tag) => ({ url: absoluteUrl(`/tags/${tag.name}`), priority: 0.4 })),
    ...articles.map((article) => ({
      url: absoluteUrl(article.url),
      lastModified: new Date((article.updated ?? article.date).time),
      priority: 0.8,
    })),
  ];
}
