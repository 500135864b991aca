import { afterEach, describe, expect, it } from "vitest";
import { loadArticles } from "@/lib/content/articles";
import { publishDateSchema } from "@/lib/content/publish-date";
import { fixture } from "./fixtures";

const originalTz = process.env.TZ;

describe.each(["America/Los_Angeles", "UTC", "Pacific/Kiritimati"])("dates under TZ=%s", (zone) => {
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it("show the calendar day written in the file", () => {
    process.env.TZ = zone;
    // Proves the zone really changed for this process, so the assertions below mean something.
    const offset = { "America/Los_Angeles": 420, UTC: 0, "Pacific/Kiritimati": -840 }[zone];
    expect(new Date("2026-04-21T12:00:00Z").getTimezoneOffset()).toBe(offset);

    const articles = loadArticles(fixture("valid")).map((loaded) => loaded.article);
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    expect(bySlug.get("long-read")!.date).toMatchObject({ day: "2026-04-21", label: "April 21, 2026" });
    expect(bySlug.get("short-note")!.date).toMatchObject({ day: "2026-04-21", label: "April 21, 2026", iso: "2026-04-21T23:30:00-07:00" });
    expect(bySlug.get("oldest")!.date.label).toBe("December 31, 2025");
    expect(bySlug.get("oldest")!.updated!.label).toBe("January 2, 2026");
  });
});

describe("the date field", () => {
  it.each(["2026-04-21", "2026-04-21T09:30:00+02:00", "2026-04-21T09:30Z", "2026-04-21T09:30:00.123-05:00"])("accepts %s", (text) => {
    expect(publishDateSchema.parse(text).day).toBe("2026-04-21");
  });

  it.each(["21/04/2026", "2026-04-21 09:30", "2026-04-21T09:30:00", "2026-02-30", "2026-13-01", "", "April 21"])("rejects %j", (text) => {
    expect(publishDateSchema.safeParse(text).success).toBe(false);
  });

  it("orders by the instant, so a late-evening Pacific time sorts after that day's midnight UTC", () => {
    expect(publishDateSchema.parse("2026-04-21T23:30:00-07:00").time).toBeGreaterThan(publishDateSchema.parse("2026-04-21").time);
  });
});
