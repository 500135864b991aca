import { act, render, screen, within } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { RelatedArticles } from "@/components/related-articles";
import { markOpened } from "@/components/reading-store";
import { makeArticle } from "../article-factory";

const related = [
  { article: makeArticle("first", "2026-04-02"), reason: "Also about: tides, harbour" },
  { article: makeArticle("second", "2026-04-01", "science"), reason: "Also in Science, same week" },
];

afterEach(() => sessionStorage.clear());

describe("RelatedArticles", () => {
  it("shows a labelled section of cards linking to each article, each with why it is offered", () => {
    render(<RelatedArticles articles={related} />);
    const section = screen.getByRole("region", { name: "Related Articles" });
    const links = within(section)
      .getAllByRole("heading", { level: 3 })
      .map((heading) => within(heading).getByRole("link").getAttribute("href"));
    expect(links).toEqual(["/articles/first", "/articles/second"]);
    const items = within(section).getAllByRole("listitem");
    expect(items.map((item) => item.querySelector(".related-reason")?.textContent)).toEqual(["Also about: tides, harbour", "Also in Science, same week"]);
  });

  it("leaves out the line when there is no reason", () => {
    const { container } = render(<RelatedArticles articles={[{ article: makeArticle("first", "2026-04-02") }]} />);
    expect(container.querySelector(".related-reason")).toBeNull();
  });

  it("hides, once hydrated, the articles opened earlier in this tab, and shows them again in a new session", () => {
    markOpened("/articles/second");
    render(<RelatedArticles articles={related} />);
    const items = screen.getAllByRole("listitem", { hidden: true });
    expect(items.map((item) => item.hidden)).toEqual([false, true]);
    act(() => sessionStorage.clear());
    act(() => markOpened("/articles/first"));
    expect(items.map((item) => item.hidden)).toEqual([true, false]);
  });

  it("shows every related article in the server's HTML, whatever was opened in this tab", () => {
    markOpened("/articles/first");
    markOpened("/articles/second");
    const html = renderToString(<RelatedArticles articles={related} />);
    expect(html).not.toMatch(/<li[^>]*hidden/);
    expect(html).toContain("Also about: tides, harbour");
  });

  it("renders nothing when there is nothing related", () => {
    const { container } = render(<RelatedArticles articles={[]} />);
    expect(container.innerHTML).toBe("");
  });
});
