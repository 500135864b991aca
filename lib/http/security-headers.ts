import { VIDEO_PLAYER_ORIGINS } from "../markdown/video-hosts";

/**
 * Headers sent with every response. Next.js App Router streams each page's
 * data in inline <script> elements that differ per page, so a policy that
 * refuses all inline script needs per-request nonces, which would make every
 * page dynamic. We keep pages static and allow inline script from our own
 * pages only; what the policy does block is script, frames (but the video players), forms and
 * connections to any other origin, plugins, <base> hijacking and framing.
 * Injected markup is stopped before it exists: article HTML goes through an
 * allowlist sanitizer and everything else is escaped by React.
 * (HSTS is added by server.mjs, which knows at run time how the site is served.)
 */
export function securityHeaders({ development }: { development: boolean }): { key: string; value: string }[] {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Editors may give an image by http(s) URL; images cannot run code.
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    // Only the players of click-to-load videos (lib/markdown/video-embed.ts), and only after the click.
    `frame-src ${VIDEO_PLAYER_ORIGINS.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: policy },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
