import { act, render } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { openedThisSession, readingEntries } from "@/components/reading-store";
import { ReadingProgress, readingProgress } from "@/components/reading-progress";

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = "";
});

/** A body whose bottom is `bottom` px below the window's top once scrolled `scrollY` px. */
function layout(scrollY: number, bottomOnPage: number) {
  Object.defineProperty(window, "scrollY", { value: scrollY, configurable: true });
  Object.defineProperty(window, "innerHeight", { value: 1000, configurable: true });
  document.querySelector<HTMLElement>(".prose")!.getBoundingClientRect = () => ({ bottom: bottomOnPage - scrollY }) as DOMRect;
}

const flushFrame = () => act(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));

describe("readingProgress", () => {
  it("runs from 0 at the top of the page to 1 when the body's end is in view", () => {
    expect(readingProgress(0, 3000, 1000)).toBe(0);
    expect(readingProgress(1000, 2000, 1000)).toBe(0.5);
    expect(readingProgress(2500, 500, 1000)).toBe(1);
    expect(readingProgress(0, 800, 1000)).toBe(1);
  });
});

describe("ReadingProgress", () => {
  it("is not in the server's HTML", () => {
    expect(renderToString(<ReadingProgress url="/articles/a" title="A" />)).toBe("");
  });

  it("grows a decorative bar by transform as the reader scrolls, and remembers the furthest point", async () => {
    document.body.innerHTML = '<article class="article"><div class="prose"></div></article>';
    layout(0, 3000);
    const { container, unmount } = render(<ReadingProgress url="/articles/a" title="A" />);
    const bar = container.querySelector<HTMLElement>(".reading-progress-bar")!;
    expect(container.querySelector(".reading-progress")!.getAttribute("aria-hidden")).toBe("true");
    expect(bar.style.transform).toBe("scaleX(0)");
    expect(openedThisSession()).toEqual(["/articles/a"]);
    expect(readingEntries()).toMatchObject([{ url: "/articles/a", title: "A", progress: 0 }]);

    layout(1000, 3000);
    window.dispatchEvent(new Event("scroll"));
    await flushFrame();
    expect(bar.style.transform).toBe("scaleX(0.5)");
    expect(readingEntries()[0]!.progress).toBe(0.5);

    layout(200, 3000);
    window.dispatchEvent(new Event("scroll"));
    await flushFrame();
    expect(bar.style.transform).toBe("scaleX(0.1)");
    unmount();
    expect(readingEntries()[0]!.progress).toBe(0.5);
  });
});
