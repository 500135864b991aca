import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEED_ARTICLES, PRERENDERED_ARTICLES, slugsBuildRenders } from "@/lib/archive/prerender";
import { snapshotOfFolder } from "@/lib/archive/folder-snapshot";
import { tempContentDir } from "./fixtures";

const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const article = (title: string, date: string, category: string) =>
  `---\ntitle: "${title}"\ndate: ${date}\ncategory: ${category}\nsummary: "A note written for the prerender tests."\n---\n\nThe note's one paragraph.\n`;

describe("the bodies the build renders", () => {
  it("are the newest articles' and, for each section's feed, that section's newest, however old", () => {
    const dir = tempContentDir();
    const science = Array.from({ length: PRERENDERED_ARTICLES + 30 }, (_, i) => `science-note-${i}`);
    science.forEach((slug, i) => fs.writeFileSync(path.join(dir, `${slug}.md`), article(`Science note ${i}`, day(1000 + i), "science")));
    // A quiet section: its articles are older than every science note, and only its feed carries them.
    const sport = ["sport-note-0", "sport-note-1", "sport-note-2"];
    sport.forEach((slug, i) => fs.writeFileSync(path.join(dir, `${slug}.md`), article(`Sport note ${i}`, day(i), "sport")));
    const snapshot = snapshotOfFolder(dir, false);
    const slugs = slugsBuildRenders(snapshot);

    expect(FEED_ARTICLES).toBeLessThan(PRERENDERED_ARTICLES);
    const newestScience = science.slice(-PRERENDERED_ARTICLES);
    expect([...slugs].sort()).toEqual([...newestScience, ...sport].sort());
    snapshot.db.close();
  });
});
