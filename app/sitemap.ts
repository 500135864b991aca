import type { MetadataRoute } from "next";
import { archive, getCategories, getTags, newestArticles } from "@/lib/archive/archive";
import { absoluteUrl } from "@/lib/pages/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const [latest] = newestArticles(1);
  const newest = latest && new Date(latest.date.time);
  return [
    { url: absoluteUrl("/"), lastModified: newest, changeFrequency: "hourly", priority: 1 },
    ...getCategories().map((category) => ({ url: absoluteUrl(`/category/${category.name}`), lastModified: newest, priority: 0.7 })),
    ...getTags().map((tag) => ({ url: absoluteUrl(`/tags/${tag.name}`), priority: 0.4 })),
    ...Array.from(archive().all(), (article) => ({
      url: absoluteUrl(article.url),
      lastModified: new Date((article.updated ?? article.date).time),
      priority: 0.8,
    })),
  ];
}
