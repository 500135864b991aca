import { z } from "zod";

// The calendar day is taken from the text the editor wrote, never from a Date
// in the server's zone: an unquoted YAML date is UTC midnight, which naive
// formatting shows as the previous day west of Greenwich.
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const EXPECTED = "expected a date as YYYY-MM-DD or an ISO date-time with offset (2026-04-21T09:30:00+02:00)";

const dayLabel = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  year: "numeric",
  month: "long",
  day: "numeric",
});

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const publishDateSchema = z.string({ error: EXPECTED }).transform((text, ctx) => {
  const trimmed = text.trim();
  const match = DAY.exec(trimmed) ?? DATE_TIME.exec(trimmed);
  const time = match ? Date.parse(trimmed) : NaN;
  if (!match || Number.isNaN(time) || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    ctx.addIssue({ code: "custom", message: EXPECTED });
    return z.NEVER;
  }
  const day = trimmed.slice(0, 10);
  return {
    /** The calendar day as written, for `<time datetime>`. */
    day,
    /** The full instant as written, for machine-readable metadata. */
    iso: trimmed,
    /** "April 21, 2026", whatever the server's time zone. */
    label: dayLabel.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
    /** Milliseconds since the epoch, for ordering. */
    time,
  };
});

export type PublishDate = z.infer<typeof publishDateSchema>;
