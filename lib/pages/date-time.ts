import type { PublishDate } from "../content/publish-date";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The IANA time zone a setting names, as Intl spells it ("europe/berlin" is Europe/Berlin); "UTC"
 * when it is unset or empty. An unknown zone throws, with one line naming the variable: a typo
 * must not quietly move every article's publication time.
 */
export function parseTimeZone(value: string | undefined, variable = "SITE_TIMEZONE"): string {
  const name = value?.trim() || "UTC";
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`${variable}=${JSON.stringify(value)} is not a time zone: expected an IANA name such as "Europe/Berlin" or "UTC"`);
  }
}

const clocks = new Map<string, Intl.DateTimeFormat>();

function clock(timeZone: string): Intl.DateTimeFormat {
  let format = clocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    clocks.set(timeZone, format);
  }
  return format;
}

/** Milliseconds since the epoch of a wall-clock reading taken as UTC (Date.UTC maps years below 100 to 19xx). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: number, timeZone: string): Wall {
  const parts = Object.fromEntries(clock(timeZone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  return utc(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of a calendar day in a zone: its midnight; the earlier one where clocks fall
 * back over midnight (America/Havana); and where they spring forward over it (America/Santiago),
 * the moment they jump, when the day begins at 01:00.
 */
function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const midnight = utc(year, month, day);
  const before = offsetAt(midnight - DAY, timeZone);
  const after = offsetAt(midnight + DAY, timeZone);
  const exact = [midnight - before, midnight - after].filter((instant) => offsetAt(instant, timeZone) === midnight - instant);
  if (exact.length > 0) return Math.min(...exact);
  // Midnight falls in a gap: the clocks jump over it, and the day begins when they do. In the
  // tz database from 1970 on, every such jump starts at midnight, the offset before it applying.
  return midnight - before;
}

const two = (n: number) => String(n).padStart(2, "0");

/** An instant as the zone's wall clock with its offset: 2026-03-04T00:00:00+01:00. */
function formatInZone(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  // Local mean times before standard zones had offsets in seconds, which ISO 8601 cannot write.
  if (offset % MINUTE !== 0) return formatInZone(instant, "UTC");
  const wall = wallClock(instant, timeZone);
  const minutes = Math.abs(offset) / MINUTE;
  const sign = offset < 0 ? "-" : "+";
  const date = `${String(wall.year).padStart(4, "0")}-${two(wall.month)}-${two(wall.day)}`;
  return `${date}T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

// What publish-date.ts writes in `iso`: the day, and the time and offset when the editor gave them.
const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An article's date as an ISO 8601 date-time with an offset, for structured data and Open Graph.
 * A date-time the editor wrote keeps its instant and offset (so its day is the day the page shows);
 * a bare date is the start of that day in the site's zone.
 */
export function articleDateTime(date: Pick<PublishDate, "iso">, timeZone: string): string {
  const match = WRITTEN.exec(date.iso);
  if (!match) throw new Error(`expected a date as publish-date.ts writes it, found ${JSON.stringify(date.iso)}`);
  const [, year, month, day, hoursMinutes, seconds, offset] = match;
  if (hoursMinutes) {
    return `${year}-${month}-${day}T${hoursMinutes}${seconds ?? ":00"}${offset === "Z" || offset === "-00:00" ? "+00:00" : offset}`;
  }
  return formatInZone(startOfDay(Number(year), Number(month), Number(day), timeZone), timeZone);
}
