import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFingerprint } from "../../scripts/code-fingerprint";
import { tempContentDir } from "./fixtures";

/** A project tree as `next build` sees it: code, and around it what it never compiles. */
function project() {
  const root = tempContentDir();
  const files: Record<string, string> = {
    "app/page.tsx": "export default function Home() { return null; }",
    "lib/archive/rank.ts": "export const rank = 1;",
    "next.config.ts": "export default {};",
    "package-lock.json": '{"lockfileVersion": 3}',
    "public/logo.svg": "<svg/>",
    "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } }, include: ["**/*.ts"] }),
    "content/first-story.md": "---\ntitle: First\n---\nBody.",
    "tests/lib/rank.test.ts": "it();",
    "bench/index.ts": "run();",
    ".next/BUILD_ID": "abc",
    ".cache/content/snapshot.db": "db",
    "node_modules/left-pad/index.js": "module.exports = 1;",
    "next-env.d.ts": '/// <reference types="next" />',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const fingerprint = (env: Record<string, string> = {}) => codeFingerprint(root, path.join(root, "content"), env);
  const edit = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  return { root, fingerprint, edit };
}

/** Whether writing `text` to the file `name` of a fresh project changes its fingerprint. */
function changedBy(name: string, text: string): boolean {
  const { fingerprint, edit } = project();
  const before = fingerprint();
  edit(name, text);
  return fingerprint() !== before;
}

describe("the code's fingerprint (whether a build may skip compiling)", () => {
  it.each([
    ["a page", "app/page.tsx", "export default function Home() { return 1; }"],
    ["a module deep in lib", "lib/archive/rank.ts", "export const rank = 2;"],
    ["a new component", "components/byline.tsx", "export const Byline = () => null;"],
    ["the Next config", "next.config.ts", "export default { poweredByHeader: false };"],
    ["the locked dependencies", "package-lock.json", '{"lockfileVersion": 3, "packages": {}}'],
    ["a public file", "public/logo.svg", "<svg><rect/></svg>"],
    ["an env file", ".env.production", "NEXT_PUBLIC_SECTION=world"],
    ["the compiler's paths", "tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "~/*": ["./*"] } }, include: ["**/*.ts"] })],
  ])("changes with %s", (_, name, text) => {
    expect(changedBy(name, text)).toBe(true);
  });

  it.each([
    ["an article", "content/first-story.md", "---\ntitle: First, edited\n---\nBody."],
    ["a new article", "content/second-story.md", "---\ntitle: Second\n---\nBody."],
    ["a test", "tests/lib/rank.test.ts", "it.skip();"],
    ["the bench", "bench/index.ts", "run(2);"],
    ["the build output", ".next/BUILD_ID", "def"],
    ["the content cache", ".cache/content/snapshot.db", "db2"],
    ["an installed package (the lockfile names them)", "node_modules/left-pad/index.js", "module.exports = 2;"],
    ["Next's own type declarations", "next-env.d.ts", '/// <reference types="next" />\n// edited'],
    ["the include list Next rewrites per build folder", "tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } }, include: ["**/*.ts", ".next-x/types/**/*.ts"] })],
  ])("stays the same with %s", (_, name, text) => {
    expect(changedBy(name, text)).toBe(false);
  });

  it("changes with a variable Next inlines into the pages, and with no other", () => {
    const { fingerprint } = project();
    expect(fingerprint({ NEXT_PUBLIC_SITE_NAME: "Harbor Ledger" })).not.toBe(fingerprint());
    expect(fingerprint({ CONTENT_DIR: "elsewhere", SITE_URL: "https://example.com" })).toBe(fingerprint());
  });
});
