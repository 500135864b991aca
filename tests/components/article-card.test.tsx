import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleCard } from "@/components/article-card";
import { ArticleList } from "@/components/article-list";
import { makeArticle } from "../article-factory";

const article = makeArticle("night-buses", "2026-04-21", "local-news", [], { title: "Night buses return", readingTime: 4 });

describe("ArticleCard", () => {
  it("shows the category, the headline as a link, the date, the reading time and the summary", () => {
    render(<ArticleCard article={article} />);
    const card = screen.getByRole("article");
    expect(within(card).getByRole("link", { name: "Local News" }).getAttribute("href")).toBe("/category/local-news");
    const heading = within(card).getByRole("heading", { level: 2, name: "Night buses return" });
    expect(within(heading).getByRole("link").getAttribute("href")).toBe("/articles/night-buses");
    expect(card.querySelector("time")!.getAttribute("dateTime")).toBe("2026-04-21");
    expect(card.textContent).toContain("April 21, 2026 · 4 min read");
    expect(within(card).getByText("Summary of night-buses.")).toBeTruthy();
  });

  it("marks a draft and can use a lower heading level", () => {
    render(<ArticleCard article={{ ...article, draft: true }} headingLevel={3} />);
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Night buses return Draft");
  });
});

describe("ArticleList", () => {
  it("lists articles in the given order, the first as the lead", () => {
    const articles = [makeArticle("newer", "2026-05-01"), makeArticle("older", "2026-04-01")];
    render(<ArticleList articles={articles} lead />);
    const items = screen.getAllByRole("article");
    expect(items.map((item) => within(item).getByRole("heading").textContent)).toEqual(["Headline of newer", "Headline of older"]);
    expect(items[0]!.className).toContain("card-lead");
    expect(items[1]!.className).not.toContain("card-lead");
  });

  it("says so when there is nothing to list", () => {
    render(<ArticleList articles={[]} />);
    expect(screen.getByText("No articles yet.")).toBeTruthy();
  });
});
