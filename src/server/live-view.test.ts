import { expect, test } from "vitest";
import { LiveFeed, liveWatchMs, maxLiveEntries } from "./live-view.ts";

const request = (path: string) =>
  new Request(`http://127.0.0.1:4321${path}`, { headers: { Authorization: "Bearer abcdefgh12345678" } });

test("exchanges are recorded only while someone watches: from a read of the feed until the watch time after it", async () => {
  let now = 0;
  const feed = new LiveFeed(() => now);
  expect(feed.watching()).toBe(false);
  expect(feed.after(0)).toEqual([]);
  expect(feed.watching()).toBe(true);
  now = liveWatchMs - 1;
  expect(feed.watching()).toBe(true);
  now = liveWatchMs;
  expect(feed.watching()).toBe(false);
});

test("a reader never misses an exchange that finishes late: none after it is shown until it is recorded", async () => {
  const feed = new LiveFeed();
  let finish: () => void = () => {};
  const slowBody = new ReadableStream<Uint8Array>({
    start(controller) {
      finish = () => {
        controller.enqueue(new TextEncoder().encode("late"));
        controller.close();
      };
    },
  });
  const slow = feed.record(request("/api/slow"), null, new Response(slowBody), 1);
  await feed.record(request("/api/fast"), null, new Response("fast"), 1);
  expect(feed.after(0)).toEqual([]);
  finish();
  await slow;
  const shown = feed.after(0);
  expect(shown.map((entry) => [entry.id, entry.exchange.response.body])).toEqual([
    [1, "late"],
    [2, "fast"],
  ]);
  expect(shown[0]?.exchange.request.headers).toContainEqual(["Authorization", "Bearer [redacted]"]);
  expect(feed.after(1).map((entry) => entry.id)).toEqual([2]);
});

test(`the feed keeps the newest ${maxLiveEntries} exchanges`, async () => {
  const feed = new LiveFeed();
  for (let i = 0; i < maxLiveEntries + 5; i++) await feed.record(request(`/api/${i}`), null, new Response(""), 1);
  const kept = feed.after(0);
  expect(kept).toHaveLength(maxLiveEntries);
  expect(kept[0]?.id).toBe(6);
});

test("a body is kept up to its limit, with a note where it was cut", async () => {
  const feed = new LiveFeed();
  const content = new TextEncoder().encode("x".repeat(100_000));
  await feed.record(request("/api/x"), content, new Response("y".repeat(100_000)), 1);
  const [entry] = feed.after(0);
  expect(entry?.exchange.request.body).toMatch(/^x{8192}\n… \(cut/);
  expect(entry?.exchange.response.body).toMatch(/^y{8192}\n… \(cut/);
});
