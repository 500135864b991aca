import { act, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { ArticleCard } from "@/components/article-card";
import { saveProgress } from "@/components/reading-store";
import { makeArticle } from "../article-factory";

const article = makeArticle("night-buses", "2026-04-21");

afterEach(() => localStorage.clear());

describe("ReadMark on an article card", () => {
  it("says 'Read' on the card of an article read to the end, once hydrated", () => {
    saveProgress(article.url, article.title, 1);
    render(<ArticleCard article={article} />);
    expect(screen.getByRole("article").querySelector(".read-mark")!.textContent).toBe("Read");
  });

  it("is not in the server's HTML, even for an article read", () => {
    saveProgress(article.url, article.title, 1);
    expect(renderToString(<ArticleCard article={article} />)).not.toContain("read-mark");
  });

  it("is absent for an article unread or half read, and appears when it is finished in another tab", () => {
    saveProgress(article.url, article.title, 0.5);
    render(<ArticleCard article={article} />);
    expect(screen.getByRole("article").querySelector(".read-mark")).toBeNull();
    act(() => {
      saveProgress(article.url, article.title, 0.95);
      window.dispatchEvent(new StorageEvent("storage"));
    });
    expect(screen.getByRole("article").querySelector(".read-mark")).not.toBeNull();
  });
});
