/** The hosts whose players an article may load, after a click (lib/markdown/video-embed.ts); the CSP's frame-src. */
export const VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];
