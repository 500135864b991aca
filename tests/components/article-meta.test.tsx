import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleMeta } from "@/components/article-meta";
import { ViewCount } from "@/components/view-count";
import { publishDateSchema } from "@/lib/content/publish-date";

const date = publishDateSchema.parse("2026-04-21");

describe("ArticleMeta", () => {
  it.each([
    [0, "0 views"],
    [1, "1 view"],
    [2, "2 views"],
    [1234, "1,234 views"],
  ])("shows %d views as %j", (views, label) => {
    const { container } = render(<ArticleMeta date={date} readingTime={2} views={<ViewCount views={views} />} />);
    expect(container.textContent).toBe(`April 21, 2026 · ${label} · 2 min read`);
  });

  it("puts the machine-readable day in a time element", () => {
    const { container } = render(<ArticleMeta date={date} readingTime={1} />);
    const time = container.querySelector("time")!;
    expect(time.getAttribute("dateTime")).toBe("2026-04-21");
    expect(time.textContent).toBe("April 21, 2026");
  });

  it("leaves the count out while it is unknown", () => {
    const { container } = render(<ArticleMeta date={date} readingTime={1} />);
    expect(container.textContent).toBe("April 21, 2026 · 1 min read");
  });
});
