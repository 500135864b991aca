import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleMeta } from "@/components/article-meta";
import { JsonLd } from "@/components/json-ld";
import { publishDateSchema } from "@/lib/content/publish-date";
import { newsArticleJsonLd } from "@/lib/pages/page-metadata";
import { makeArticle } from "../article-factory";

function renderArticleHead(written: string, timeZone: string) {
  const article = makeArticle("story", written, "tech", [], { author: "Jane Doe", authorUrl: "https://example.com/staff/jane-doe" });
  const { container } = render(
    <>
      <JsonLd data={newsArticleJsonLd(article, timeZone)} />
      <ArticleMeta date={article.date} readingTime={1} />
    </>,
  );
  const script = container.querySelector('script[type="application/ld+json"]')!;
  const time = container.querySelector("time")!;
  return { jsonLd: JSON.parse(script.textContent!), time: { dateTime: time.getAttribute("dateTime"), label: time.textContent } };
}

describe("an article's JSON-LD beside its visible date", () => {
  it.each([
    ["2026-04-21", "Pacific/Kiritimati", "2026-04-21T00:00:00+14:00"],
    ["2026-04-21", "America/Los_Angeles", "2026-04-21T00:00:00-07:00"],
    ["2026-01-21", "Europe/Berlin", "2026-01-21T00:00:00+01:00"],
    ["2026-04-21T23:30:00-07:00", "Europe/Berlin", "2026-04-21T23:30:00-07:00"],
  ])("%s in %s: the page shows the day written, the JSON-LD the date-time %s", (written, timeZone, dateTime) => {
    const { jsonLd, time } = renderArticleHead(written, timeZone);
    const day = publishDateSchema.parse(written).day;
    expect(time).toEqual({ dateTime: day, label: publishDateSchema.parse(written).label });
    expect(jsonLd).toMatchObject({ "@type": "NewsArticle", datePublished: dateTime, dateModified: dateTime });
    expect(jsonLd.datePublished.slice(0, 10)).toBe(time.dateTime);
    expect(jsonLd.author).toEqual({ "@type": "Person", name: "Jane Doe", url: "https://example.com/staff/jane-doe" });
    expect(jsonLd.publisher.logo).toMatchObject({ "@type": "ImageObject", width: 512, height: 512, url: expect.stringMatching(/\/images\/newsroom-logo\.png$/) });
  });

  it("keeps a closing script tag in the data from ending the element", () => {
    const data = { headline: "</script><script>alert(1)</script>" };
    const { container } = render(<JsonLd data={data} />);
    const scripts = container.querySelectorAll("script");
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.innerHTML).not.toContain("</script");
    expect(JSON.parse(scripts[0]!.textContent!)).toEqual(data);
  });
});
