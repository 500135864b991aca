import { TomlDate } from "smol-toml";

/** A date in the form this site accepts, and whether the source gave no time zone for its time. */
export type CanonicalDate = { text: string; noZone: boolean };

// Jekyll writes "2016-11-21 10:30:00 +0000", Hugo "2014-02-13T10:00:00Z", hand-written files
// "2014-2-13": one pattern takes them all, so the day and time are kept exactly as written.
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const pad = (value: string) => value.padStart(2, "0");

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function offset(zone: string): string | undefined {
  if (zone.toUpperCase() === "Z") return "+00:00";
  const [, sign, hours, minutes = "00"] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  return sign && hours && Number(hours) <= 14 && Number(minutes) < 60 ? `${sign}${hours}:${minutes}` : undefined;
}

/**
 * `YYYY-MM-DD` when the source gave only a day, else an ISO date-time with offset; a time without
 * a zone is written as UTC and flagged. Undefined when the value is not a date.
 */
export function canonicalDate(value: unknown): CanonicalDate | undefined {
  // smol-toml keeps the form a TOML date was written in; its ISO text is that form.
  const text = value instanceof TomlDate ? value.toISOString() : value;
  if (typeof text !== "string") return undefined;
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [, year = "", month = "", day = "", hour, minute = "", second = "00", fraction = "", zone] = match;
  if (!isCalendarDay(Number(year), Number(month), Number(day))) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined) return { text: date, noZone: false };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const written = zone === undefined ? "+00:00" : offset(zone);
  if (!written) return undefined;
  const kept = /^\.0*$/.test(fraction) ? "" : fraction;
  return { text: `${date}T${pad(hour)}:${minute}:${second}${kept}${written}`, noZone: zone === undefined };
}
