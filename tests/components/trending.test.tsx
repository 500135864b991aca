import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Trending, type TrendingList } from "@/components/trending";

const entry = (slug: string, views: number) => ({ article: { url: `/articles/${slug}` as const, title: `Title of ${slug}` }, views });

describe("Trending", () => {
  it("shows each window's list under its own heading: titles linking to the articles, and their counts", () => {
    const lists: TrendingList[] = [
      { label: "Last 24 hours", entries: [entry("first", 12), entry("second", 1)] },
      { label: "Last 7 days", entries: [entry("third", 1234)] },
    ];
    render(<Trending heading="Trending" lists={lists} />);
    const section = screen.getByRole("region", { name: "Trending" });
    const day = within(section).getByRole("list", { name: "Last 24 hours" });
    const items = within(day).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(["Title of first 12 views", "Title of second 1 view"]);
    expect(within(items[0]!).getByRole("link", { name: "Title of first" }).getAttribute("href")).toBe("/articles/first");
    const week = within(section).getByRole("list", { name: "Last 7 days" });
    expect(week.textContent).toBe("Title of third 1,234 views");
    expect(within(section).getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent)).toEqual(["Last 24 hours", "Last 7 days"]);
  });

  it("leaves out a window with nothing in it", () => {
    render(<Trending heading="Trending in Science" lists={[{ label: "Last 24 hours", entries: [] }, { label: "Last 7 days", entries: [entry("a", 3)] }]} />);
    const section = screen.getByRole("region", { name: "Trending in Science" });
    expect(within(section).queryByRole("heading", { name: "Last 24 hours" })).toBeNull();
    expect(within(section).getAllByRole("list")).toHaveLength(1);
  });

  it("renders nothing when every list is empty", () => {
    const { container } = render(
      <Trending
        heading="Trending"
        lists={[
          { label: "Last 24 hours", entries: [] },
          { label: "Last 7 days", entries: [] },
        ]}
      />,
    );
    expect(container.innerHTML).toBe("");
  });
});
