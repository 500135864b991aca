import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RelatedArticles } from "@/components/related-articles";
import { makeArticle } from "../article-factory";

describe("RelatedArticles", () => {
  it("shows a labelled section of cards linking to each article", () => {
    render(<RelatedArticles articles={[makeArticle("first", "2026-04-02"), makeArticle("second", "2026-04-01", "science")]} />);
    const section = screen.getByRole("region", { name: "Related Articles" });
    const links = within(section)
      .getAllByRole("heading", { level: 3 })
      .map((heading) => within(heading).getByRole("link").getAttribute("href"));
    expect(links).toEqual(["/articles/first", "/articles/second"]);
  });

  it("renders nothing when there is nothing related", () => {
    const { container } = render(<RelatedArticles articles={[]} />);
    expect(container.innerHTML).toBe("");
  });
});
