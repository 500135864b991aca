import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServer, type RunningServer } from "./server";

const baseUrl = inject("baseUrl");
type Answer = { query: string; total: number; results: { slug: string; url: string; title: string }[] };
const search = async (query: string) => (await (await fetch(`${baseUrl}/api/search?${query}`)).json()) as Answer;

describe("the search API", () => {
  it("answers the best matches as JSON", async () => {
    const answer = await search("q=satellite&limit=1");
    expect(answer.query).toBe("satellite");
    expect(answer.total).toBeGreaterThanOrEqual(2);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]).toMatchObject({ slug: "coastal-nations-share-weather-satellite", url: "/articles/coastal-nations-share-weather-satellite" });
  });

  it("caps the limit at 20 and the query at 200 characters", async () => {
    expect((await search("q=the&limit=100000")).results.length).toBeLessThanOrEqual(20);
    expect((await search(`q=${"ab ".repeat(300)}`)).query).toHaveLength(200);
  });

  it.each(["q=", "", "q=%00", "q=((((", "q=%3Cscript%3E", "limit=-5&q=a", "category=%2F..%2F&q=bus"])("answers %j with 200", async (query) => {
    expect((await fetch(`${baseUrl}/api/search?${query}`)).status).toBe(200);
  });

  it("renders the search page for hostile queries without reflecting markup", async () => {
    const response = await fetch(`${baseUrl}/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("<img src=x");
  });
});

describe("the search API under a flood", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ API_RATE_LIMIT: "10" });
  });
  afterAll(() => server?.stop());

  it("answers 429 with Retry-After past the limit", async () => {
    const statuses = await Promise.all(Array.from({ length: 15 }, async () => (await fetch(`${server.url}/api/search?q=bus`)).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});
