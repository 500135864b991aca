import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveViewCount } from "@/components/live-view-count";

/** Sets what the document says of itself, as a browser would while prerendering or in a background tab. */
function documentState(state: { visibility: DocumentVisibilityState; prerendering: boolean }) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state.visibility });
  Object.defineProperty(document, "prerendering", { configurable: true, get: () => state.prerendering });
}

describe("LiveViewCount", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ slug: "a", views: 8 })));
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    documentState({ visibility: "visible", prerendering: false });
  });

  it("sends one beacon for a visible page and shows the count it answers", async () => {
    documentState({ visibility: "visible", prerendering: false });
    render(<LiveViewCount slug="a" initialViews={7} />);
    expect(screen.getByText("7 views")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("8 views")).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/views/a");
  });

  it("waits while the page is prerendered or hidden, and counts once it is shown", async () => {
    const state = { visibility: "hidden" as DocumentVisibilityState, prerendering: true };
    documentState(state);
    render(<LiveViewCount slug="a" initialViews={7} />);
    state.visibility = "visible";
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(fetchMock).not.toHaveBeenCalled();
    state.prerendering = false;
    act(() => void document.dispatchEvent(new Event("prerenderingchange")));
    await waitFor(() => expect(screen.getByText("8 views")).toBeTruthy());
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
