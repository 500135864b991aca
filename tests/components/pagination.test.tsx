import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Pagination } from "@/components/pagination";
import { pageHref } from "@/lib/archive/pagination";

const hrefs = () => screen.getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")]);

describe("Pagination", () => {
  it("links every page of a short list, marking the current one", () => {
    render(<Pagination page={2} pageCount={3} href={(n) => pageHref("/category/tech", n)} />);
    expect(hrefs()).toEqual([
      ["← Newer articles", "/category/tech"],
      ["Page 1", "/category/tech"],
      ["Page 2", "/category/tech/page/2"],
      ["Page 3", "/category/tech/page/3"],
      ["Older articles →", "/category/tech/page/3"],
    ]);
    expect(screen.getByRole("link", { current: "page" }).textContent).toBe("Page 2");
  });

  it("keeps the home page's pages at /page/N and shows no 'Newer' link on page 1", () => {
    render(<Pagination page={1} pageCount={2} href={(n) => pageHref("/", n)} />);
    const nav = screen.getByRole("navigation", { name: "Pages" });
    expect(within(nav).queryByText(/Newer/)).toBeNull();
    expect(hrefs()).toEqual([
      ["Page 1", "/"],
      ["Page 2", "/page/2"],
      ["Older articles →", "/page/2"],
    ]);
  });

  it("elides distant pages of a long archive", () => {
    render(<Pagination page={250} pageCount={500} href={(n) => pageHref("/", n)} />);
    const pages = screen.getAllByRole("link").map((link) => link.textContent).filter((text) => text!.startsWith("Page"));
    expect(pages).toEqual(["Page 1", "Page 248", "Page 249", "Page 250", "Page 251", "Page 252", "Page 500"]);
    expect(screen.getAllByText("…")).toHaveLength(2);
  });

  it("renders nothing for a single page", () => {
    const { container } = render(<Pagination page={1} pageCount={1} href={(n) => pageHref("/", n)} />);
    expect(container.innerHTML).toBe("");
  });
});
