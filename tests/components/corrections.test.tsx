import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleView } from "@/components/article-view";
import { AuthorView } from "@/components/author-view";
import { Corrections } from "@/components/corrections";
import { publishDateSchema } from "@/lib/content/publish-date";
import { makeArticle } from "../article-factory";

const correction = (day: string, text: string) => ({ date: publishDateSchema.parse(day), text });
const body = { html: "<p>The story.</p>", headings: [] };

describe("Corrections", () => {
  it('is a labelled section: "Correction, April 22, 2026: …", the day in a time element', () => {
    render(<Corrections corrections={[correction("2026-04-22", "The buses run every 20 minutes, not 30.")]} />);
    const section = screen.getByRole("region", { name: "Correction" });
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("Correction");
    const item = within(section).getByRole("listitem");
    expect(item.textContent).toBe("Correction, April 22, 2026: The buses run every 20 minutes, not 30.");
    const time = item.querySelector("time")!;
    expect([time.getAttribute("dateTime"), time.textContent]).toEqual(["2026-04-22", "April 22, 2026"]);
  });

  it("lists several in the order written, under a plural heading", () => {
    render(<Corrections corrections={[correction("2026-04-22", "First."), correction("2026-05-01T10:00:00+02:00", "Second.")]} />);
    const section = screen.getByRole("region", { name: "Corrections" });
    expect(within(section).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Correction, April 22, 2026: First.",
      "Correction, May 1, 2026: Second.",
    ]);
  });

  it("renders nothing without corrections", () => {
    expect(render(<Corrections corrections={undefined} />).container.innerHTML).toBe("");
    expect(render(<Corrections corrections={[]} />).container.innerHTML).toBe("");
  });
});

describe("ArticleView with corrections, an update and a byline", () => {
  const article = makeArticle("night-buses", "2026-04-21", "local-news", [], {
    author: "Ana Ruiz",
    updated: publishDateSchema.parse("2026-04-22"),
    corrections: [correction("2026-04-22", "The buses run every 20 minutes.")],
  });

  it("shows the corrections under the body, the update in the meta line and the byline as a link", () => {
    const { container } = render(<ArticleView article={article} body={body} related={[]} />);
    const text = container.textContent!;
    expect(text.indexOf("The story.")).toBeLessThan(text.indexOf("Correction, April 22, 2026: The buses run every 20 minutes."));
    expect(container.querySelector(".meta")!.textContent).toContain("April 21, 2026 · Updated April 22");
    expect(screen.getByRole("link", { name: "Ana Ruiz" }).getAttribute("href")).toBe("/authors/ana-ruiz");
  });
});

describe("AuthorView", () => {
  const items = [makeArticle("one", "2026-04-21"), makeArticle("two", "2026-04-20")];

  it("shows the name as the page's heading, the bio, the author's own page and their articles", () => {
    render(
      <AuthorView
        author={{ name: "Ana Ruiz", bio: "Ana Ruiz covers transport.", url: "https://example.com/staff/ana-ruiz" }}
        listing={{ base: "/authors/ana-ruiz" }}
        page={{ items, page: 1, pageCount: 1, total: 2 }}
      />,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Ana Ruiz");
    expect(screen.getByText("Ana Ruiz covers transport.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "More about Ana Ruiz" }).getAttribute("href")).toBe("https://example.com/staff/ana-ruiz");
    expect(screen.getByText("2 articles")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Headline of one" }).getAttribute("href")).toBe("/articles/one");
  });

  it("pages like a section", () => {
    render(<AuthorView author={{ name: "Bo Chen" }} listing={{ base: "/authors/bo-chen" }} page={{ items, page: 2, pageCount: 3, total: 45 }} />);
    expect(screen.getByText("45 articles · page 2 of 3")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Newer/ }).getAttribute("href")).toBe("/authors/bo-chen");
    expect(screen.getByRole("link", { name: /Older/ }).getAttribute("href")).toBe("/authors/bo-chen/page/3");
  });
});
