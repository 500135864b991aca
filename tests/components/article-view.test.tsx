import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleView } from "@/components/article-view";
import { makeArticle } from "../article-factory";

const article = makeArticle("ferry-timetable", "2026-04-21", "tech", ["transport", "open-data"], {
  title: "Ferry timetable goes live",
  summary: "The harbour ferry now publishes its times.",
  readingTime: 2,
  source: { name: "Harbor Gazette", url: "https://example.com/ferry" },
  author: "Ada Reporter",
});
const body = { html: '<h2 id="looking-ahead">Looking ahead</h2><p>More routes next year.</p>', headings: [{ depth: 2, text: "Looking ahead", id: "looking-ahead" }] };

describe("ArticleView", () => {
  it("shows, in order, home link, category, headline, meta, standfirst, body, source, tags and related", () => {
    const { container } = render(<ArticleView body={body} article={article} related={[{ article: makeArticle("other", "2026-04-20"), reason: "Also about: ferries" }]} views={2} />);
    const text = container.textContent!;
    const order = [
      "← Back to Home",
      "Tech",
      "Ferry timetable goes live",
      "April 21, 2026 · 2 views · 2 min read",
      "The harbour ferry now publishes its times.",
      "Looking ahead",
      "Source: Harbor Gazette",
      "#transport",
      "Related Articles",
    ];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getByRole("link", { name: "← Back to Home" }).getAttribute("href")).toBe("/");
    expect(screen.getByRole("link", { name: "Harbor Gazette" }).getAttribute("href")).toBe("https://example.com/ferry");
    expect(screen.getByRole("link", { name: "#open-data" }).getAttribute("href")).toBe("/tags/open-data");
    expect(within(screen.getByRole("region", { name: "Related Articles" })).getByRole("link", { name: "Headline of other" })).toBeTruthy();
  });

  it("names a source without a URL as plain text, and shows an image with its alt text", () => {
    render(
      <ArticleView
        body={body}
        article={{ ...article, source: { name: "Staff reporting", url: undefined }, image: "/images/map.svg", imageAlt: "A map of the routes" }}
        related={[]}
      />,
    );
    expect(screen.getByText("Source: Staff reporting")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Staff reporting" })).toBeNull();
    expect(screen.getByRole("img", { name: "A map of the routes" }).getAttribute("src")).toBe("/images/map.svg");
    expect(screen.queryByRole("region", { name: "Related Articles" })).toBeNull();
  });
});
