import { render, screen, within } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { ContinueReading } from "@/components/continue-reading";
import { saveProgress } from "@/components/reading-store";

afterEach(() => localStorage.clear());

describe("ContinueReading", () => {
  it("lists the articles left between 10% and 90%, most recently read first, five at most", () => {
    saveProgress("/articles/barely", "Barely", 0.05, 1);
    saveProgress("/articles/finished", "Finished", 0.95, 2);
    for (let i = 0; i < 6; i++) saveProgress(`/articles/half-${i}`, `Half ${i}`, 0.1 + i * 0.1, 10 + i);
    render(<ContinueReading />);
    const list = screen.getByRole("region", { name: "Continue reading" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(["Half 5 60% read", "Half 4 50% read", "Half 3 40% read", "Half 2 30% read", "Half 1 20% read"]);
    expect(within(items[0]!).getByRole("link").getAttribute("href")).toBe("/articles/half-5");
  });

  it("shows nothing when nothing is half read, and nothing in the server's HTML", () => {
    saveProgress("/articles/finished", "Finished", 1);
    const { container } = render(<ContinueReading />);
    expect(container.innerHTML).toBe("");
    saveProgress("/articles/half", "Half", 0.5);
    expect(renderToString(<ContinueReading />)).toBe("");
  });
});
