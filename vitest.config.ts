import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Timeouts here are hang guards, not budgets: speed is measured by `npm run bench`, and CI shares
// its cores. Each is at least ten times the slowest test of its project on an idle two-core
// machine (lib and components about 1.5 s, e2e about 8 s, a server about 2 s to start), so only a
// real hang meets one. Tests slower than that say so beside their own timeout.
export default defineConfig({
  resolve: { alias: { "@": root } },
  plugins: [
    {
      // Vitest starts Node with "--conditions development" unless told otherwise, and Vite merges
      // rather than replaces a configured list. Without it, Node loads the production builds of
      // dependencies, as the site runs them: micromark's development build adds checks that make
      // some inputs cost quadratic time, which the cost-shape guards would measure instead.
      name: "production-builds-of-dependencies",
      configResolved(config) {
        config.ssr.resolve!.conditions = ["module", "node"];
      },
    },
  ],
  test: {
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }], "./tests/system-skips-reporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "lib", environment: "node", include: ["tests/lib/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["tests/components/**/*.test.tsx"],
          setupFiles: ["tests/components/setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
