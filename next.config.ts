import os from "node:os";
import type { NextConfig } from "next";
import packageJson from "./package.json" with { type: "json" };
import { buildFolderName } from "./lib/http/build-folder.mjs";
import { IMAGE_WIDTHS } from "./lib/markdown/image-widths";
import { parserFingerprint } from "./lib/content/parser-fingerprint";
import { securityHeaders } from "./lib/http/security-headers";

const COMPILED_DEPENDENCIES = new Set(["next", "react", "react-dom"]);

const nextConfig: NextConfig = {
  // The bench builds synthetic archives into a folder of their own, leaving the working build alone.
  distDir: buildFolderName(),
  // Bundled with the code it describes, so a built site reuses only the content cache entries that code made.
  env: { CONTENT_PARSER_FINGERPRINT: parserFingerprint() ?? "" },
  poweredByHeader: false,
  // The server's own dependencies are loaded from node_modules at run time (where deploy/Dockerfile
  // ships them) rather than compiled into its chunks: compiling remark, satori and the rest took a
  // tenth to a quarter of the compile, and half of the compiled server code. Next and React stay
  // compiled: the App Router runs on Next's own copy of React.
  serverExternalPackages: Object.keys(packageJson.dependencies).filter((name) => !COMPILED_DEPENDENCIES.has(name)),
  // server.mjs compresses, after it has swapped Next's empty error shells for complete pages.
  compress: false,
  // `npm run typecheck` checks the whole project, tests included, and CI runs it
  // before building; repeating it here would double the build's time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Pages rendered after the build (older articles, later list pages, and the
  // 404 of every made-up slug) stay in Next's memory cache, which is bounded,
  // instead of being written to disk, where a flood of invented URLs would fill
  // it without limit. 16 MB holds a few hundred pages; one evicted costs a
  // render of about 11 ms, and the proxy in front caches pages anyway.
  cacheMaxMemorySize: 16 * 1024 * 1024,
  // Prerendering on every core: Next's default leaves one free, which on two cores halves it.
  experimental: { isrFlushToDisk: false, cpus: os.availableParallelism() },
  // Article images (lib/markdown/article-images.ts) are resized to these widths and served as WebP; the
  // optimizer may read only images, never another route of the site.
  images: {
    deviceSizes: IMAGE_WIDTHS,
    localPatterns: [{ pathname: "/images/**" }, { pathname: "/articles/*/**" }],
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ development: process.env.NODE_ENV === "development" }) }];
  },
};

export default nextConfig;
