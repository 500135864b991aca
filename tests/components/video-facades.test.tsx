import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { VideoFacades } from "@/components/video-facades";
import { renderMarkdown } from "@/lib/markdown/markdown";

describe("VideoFacades", () => {
  const { html } = renderMarkdown('::video{src="https://youtu.be/dQw4w9WgXcQ" title="Launch talk"}');

  it("swaps the facade for the privacy-friendly player on click, and only then", () => {
    const { container } = render(
      <>
        <div dangerouslySetInnerHTML={{ __html: html }} />
        <VideoFacades />
      </>,
    );
    expect(container.querySelector("iframe")).toBeNull();
    const link = container.querySelector<HTMLAnchorElement>("a.video-facade")!;
    expect(link.href).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    fireEvent.click(link);
    const player = container.querySelector("iframe")!;
    expect(player.src).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
    expect(player.title).toBe("Launch talk");
    expect(container.querySelector("a.video-facade")).toBeNull();
  });

  it("leaves a modified click (open in a new tab) to the browser", () => {
    const { container } = render(
      <>
        <div dangerouslySetInnerHTML={{ __html: html }} />
        <VideoFacades />
      </>,
    );
    fireEvent.click(container.querySelector("a.video-facade")!, { ctrlKey: true });
    expect(container.querySelector("iframe")).toBeNull();
  });
});
