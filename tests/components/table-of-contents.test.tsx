import { act, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TableOfContents } from "@/components/table-of-contents";
import { currentSection } from "@/components/toc-links";
import type { Heading } from "@/lib/content/article-schema";

const heading = (id: string, depth = 2): Heading => ({ depth, id, text: `Text of ${id}` });
const three = [heading("what-changes"), heading("details", 3), heading("who-pays"), heading("looking-ahead")];

/** An IntersectionObserver that tests call back by hand. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed: Element[] = [];
  disconnected = false;
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options?: IntersectionObserverInit,
  ) {
    FakeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  disconnect() {
    this.disconnected = true;
  }
  fire() {
    this.callback([], this as unknown as IntersectionObserver);
  }
}

beforeEach(() => {
  FakeObserver.last = undefined;
  vi.stubGlobal("IntersectionObserver", FakeObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("TableOfContents", () => {
  it("lists the ## sections of a body with three or more, as links to their ids, in an open <details>", () => {
    const { container } = render(<TableOfContents headings={three} />);
    const nav = screen.getByRole("navigation", { name: "Contents" });
    expect(container.querySelector("details")!.open).toBe(true);
    expect(container.querySelector("summary")!.textContent).toBe("Contents");
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Text of what-changes", "#what-changes"],
      ["Text of who-pays", "#who-pays"],
      ["Text of looking-ahead", "#looking-ahead"],
    ]);
    expect(links.some((link) => link.hasAttribute("aria-current"))).toBe(false);
  });

  it("is left out with fewer than three sections, however many subsections", () => {
    const { container } = render(<TableOfContents headings={[heading("one"), heading("a", 3), heading("b", 3), heading("two")]} />);
    expect(container.innerHTML).toBe("");
  });

  it("marks the link of the section being read as the reader scrolls", () => {
    const tops: Record<string, number> = { "what-changes": 500, "who-pays": 1500, "looking-ahead": 2500 };
    for (const id of Object.keys(tops)) {
      const element = document.createElement("h2");
      element.id = id;
      element.getBoundingClientRect = () => ({ top: tops[id]! }) as DOMRect;
      document.body.append(element);
    }
    Object.defineProperty(window, "innerHeight", { value: 1000, configurable: true });
    render(<TableOfContents headings={three} />);
    const observer = FakeObserver.last!;
    expect(observer.observed.map((element) => element.id)).toEqual(["what-changes", "who-pays", "looking-ahead"]);
    expect(observer.options?.rootMargin).toBe("0px 0px -70% 0px");
    const current = () => screen.queryAllByRole("link").filter((link) => link.getAttribute("aria-current") === "location").map((link) => link.getAttribute("href"));

    act(() => observer.fire());
    expect(current()).toEqual([]);
    // Scrolled 1,300 px: the second heading is 200 px from the top, above the line at 300 px.
    for (const id of Object.keys(tops)) tops[id]! -= 1300;
    act(() => observer.fire());
    expect(current()).toEqual(["#who-pays"]);
    // A jump to the last section passes every heading at once.
    for (const id of Object.keys(tops)) tops[id]! -= 1200;
    act(() => observer.fire());
    expect(current()).toEqual(["#looking-ahead"]);
  });

  it("stops watching when it goes, and does without IntersectionObserver", () => {
    document.body.innerHTML = '<h2 id="what-changes"></h2>';
    const { unmount } = render(<TableOfContents headings={three} />);
    unmount();
    expect(FakeObserver.last!.disconnected).toBe(true);
    vi.unstubAllGlobals();
    vi.stubGlobal("IntersectionObserver", undefined);
    render(<TableOfContents headings={three} />);
    expect(screen.getAllByRole("link")).toHaveLength(3);
  });
});

describe("currentSection", () => {
  it("is the last heading at or above the line, or none before the first", () => {
    expect(currentSection([100, 400, 900], 300)).toBe(0);
    expect(currentSection([-900, -100, 300], 300)).toBe(2);
    expect(currentSection([400, 900], 300)).toBe(-1);
    expect(currentSection([], 300)).toBe(-1);
  });
});
