import { z } from "zod";

// The calendar day is taken from the text the editor wrote, never from a Date
// in the server's zone: an unquoted YAML date is UTC midnight, which naive
// formatting shows as the previous day west of Greenwich.
// As editors and other generators write them: 2026-04-21, 2014-2-13, 2026-04-21T09:30:00+02:00,
// and Jekyll's and Hugo's 2016-11-21 10:30:00 +0000. A time needs its offset: without one, the
// instant would depend on the server's zone.
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?) ?(Z|[+-]\d{2}:?\d{2}))?$/;

const EXPECTED = "expected a date as YYYY-MM-DD or a date-time with offset (2026-04-21T09:30:00+02:00 or 2026-04-21 09:30:00 +0200)";

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

const pad = (digits: string) => digits.padStart(2, "0");

export const publishDateSchema = z.string({ error: EXPECTED }).transform((text, ctx) => {
  const trimmed = text.trim();
  const match = DATE.exec(trimmed);
  const [, year, month, date, clock, offset] = match ?? [];
  const day = match ? `${year}-${pad(month!)}-${pad(date!)}` : "";
  const zone = offset === undefined || offset === "Z" ? offset : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const iso = clock ? `${day}T${clock}${zone}` : day;
  const time = match ? Date.parse(iso) : NaN;
  if (!match || Number.isNaN(time) || !isCalendarDay(Number(year), Number(month), Number(date))) {
    ctx.addIssue({ code: "custom", message: EXPECTED });
    return z.NEVER;
  }
  return {
    /** The calendar day as written, for `<time datetime>`. */
    day,
    /** The full instant as written, in ISO 8601, for machine-readable metadata. */
    iso,
    /** "April 21, 2026", whatever the server's time zone. */
    label: dayLabel.format(Date.UTC(Number(year), Number(month) - 1, Number(date))),
    /** Milliseconds since the epoch, for ordering. */
    time,
  };
});

export type PublishDate = z.infer<typeof publishDateSchema>;
