"use client";

import { useEffect } from "react";

/**
 * Swaps a video facade (lib/markdown/video-embed.ts) for its player when the reader clicks it, so the
 * video host sees nothing until then. Without JavaScript the facade is a link to the video.
 */
export function VideoFacades() {
  useEffect(() => {
    const play = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a.video-facade[data-video-player]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const player = document.createElement("iframe");
      player.src = link.dataset.videoPlayer!;
      player.title = link.dataset.videoTitle ?? "Video";
      player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      player.allowFullscreen = true;
      player.className = "video-player";
      link.replaceWith(player);
      player.focus();
    };
    document.addEventListener("click", play);
    return () => document.removeEventListener("click", play);
  }, []);
  return null;
}
