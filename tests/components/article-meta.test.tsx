import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArticleMeta, Byline } from "@/components/article-meta";
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

describe("ArticleMeta with an update", () => {
  it('shows "Updated April 22" beside the date, with the day in a time element', () => {
    const { container } = render(<ArticleMeta date={date} updated={publishDateSchema.parse("2026-04-22")} readingTime={3} />);
    expect(container.textContent).toBe("April 21, 2026 · Updated April 22 · 3 min read");
    const [published, updated] = [...container.querySelectorAll("time")];
    expect(published!.getAttribute("dateTime")).toBe("2026-04-21");
    expect(updated!.getAttribute("dateTime")).toBe("2026-04-22");
    expect(updated!.textContent).toBe("April 22");
  });

  it("gives the year when the update is in another year", () => {
    const { container } = render(<ArticleMeta date={date} updated={publishDateSchema.parse("2027-01-03")} readingTime={1} />);
    expect(container.textContent).toBe("April 21, 2026 · Updated January 3, 2027 · 1 min read");
  });

  it("says nothing of an update that is the publication itself", () => {
    const { container } = render(<ArticleMeta date={date} updated={publishDateSchema.parse("2026-04-21")} readingTime={1} />);
    expect(container.textContent).toBe("April 21, 2026 · 1 min read");
  });
});

describe("Byline", () => {
  it("links the name to the author's page", () => {
    const { container } = render(<Byline author="Ana Ruiz & Bo Chen" />);
    expect(container.textContent).toBe("By Ana Ruiz & Bo Chen");
    const link = container.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("/authors/ana-ruiz-bo-chen");
    expect(link.getAttribute("rel")).toBe("author");
    expect(link.textContent).toBe("Ana Ruiz & Bo Chen");
  });

  it("leaves a byline with nothing to make an address of as text", () => {
    const { container } = render(<Byline author="王芳" />);
    expect(container.textContent).toBe("By 王芳");
    expect(container.querySelector("a")).toBeNull();
  });
});
