import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SearchBox } from "@/components/search-box";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

const results = [
  { url: "/articles/ferry-times", title: "Ferry times change", category: "World", date: "May 1, 2026" },
  { url: "/articles/ferry-fares", title: "Ferry fares frozen", category: "Business", date: "April 2, 2026" },
];

describe("SearchBox", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ query: "ferry", total: 12, results })));
    vi.stubGlobal("fetch", fetchMock);
    push.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  const box = () => screen.getByRole("combobox", { name: "Search articles" });

  async function typeAndWait(text: string) {
    fireEvent.change(box(), { target: { value: text } });
    await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(2));
  }

  it("is a plain GET form to /search before any script runs", () => {
    const { container } = render(<SearchBox />);
    const form = container.querySelector("form")!;
    expect(form.getAttribute("action")).toBe("/search");
    expect(form.getAttribute("method")).toBe("get");
    expect(box().getAttribute("name")).toBe("q");
    expect(screen.getByRole("button", { name: "Search" }).getAttribute("type")).toBe("submit");
    expect(box().getAttribute("aria-expanded")).toBe("false");
  });

  it("is a text field, as HTML allows no combobox role on a search field, with a search keyboard", () => {
    render(<SearchBox />);
    expect(box().getAttribute("type")).toBe("text");
    expect(box().getAttribute("inputmode")).toBe("search");
    expect(box().getAttribute("enterkeyhint")).toBe("search");
    expect(box().getAttribute("aria-autocomplete")).toBe("list");
    expect(box().getAttribute("aria-controls")).toBe(screen.getByRole("listbox", { hidden: true }).id);
  });

  it("suggests articles as the reader types, asking the API once after a pause, and announces the count", async () => {
    render(<SearchBox />);
    fireEvent.change(box(), { target: { value: "f" } });
    fireEvent.change(box(), { target: { value: "fe" } });
    fireEvent.change(box(), { target: { value: "ferry" } });
    await waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Ferry times changeWorld · May 1, 2026", "Ferry fares frozenBusiness · April 2, 2026"]));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/search?q=ferry&limit=8");
    expect(box().getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("status").textContent).toBe("12 matching articles, 2 shown");
  });

  it("moves through options with the arrow keys, wrapping, and opens the active one with Enter", async () => {
    render(<SearchBox />);
    await typeAndWait("ferry");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    const first = screen.getAllByRole("option")[0]!;
    expect(box().getAttribute("aria-activedescendant")).toBe(first.id);
    expect(first.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    expect(box().getAttribute("aria-activedescendant")).toBeNull();
    fireEvent.keyDown(box(), { key: "ArrowUp" });
    expect(box().getAttribute("aria-activedescendant")).toBe(screen.getAllByRole("option")[1]!.id);
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(push).toHaveBeenCalledWith("/articles/ferry-fares");
    expect(box().getAttribute("aria-expanded")).toBe("false");
  });

  it("lets Enter submit the form when no option is active, and closes with Escape", async () => {
    render(<SearchBox />);
    await typeAndWait("ferry");
    const notPrevented = fireEvent.keyDown(box(), { key: "Enter" });
    expect(notPrevented).toBe(true);
    expect(push).not.toHaveBeenCalled();
    fireEvent.keyDown(box(), { key: "Escape" });
    expect(box().getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("listbox", { hidden: true }).hidden).toBe(true);
  });

  it("stays collapsed when nothing matches, and announces that", async () => {
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ query: "zzz", total: 0, results: [] })));
    render(<SearchBox />);
    fireEvent.change(box(), { target: { value: "zzz" } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("No matching articles"));
    expect(box().getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("listbox", { hidden: true }).hidden).toBe(true);
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    expect(box().getAttribute("aria-expanded")).toBe("false");
    expect(box().getAttribute("aria-activedescendant")).toBeNull();
  });

  it("focuses on '/' unless the reader is typing in a field", () => {
    render(
      <>
        <input aria-label="Other field" />
        <SearchBox />
      </>,
    );
    fireEvent.keyDown(screen.getByLabelText("Other field"), { key: "/" });
    expect(document.activeElement).not.toBe(box());
    fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(box());
  });
});
