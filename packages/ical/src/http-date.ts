/**
 * HTTP dates, for the feed's conditional requests.
 *
 * @module
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An HTTP-date (RFC 9110 §5.6.7) as epoch milliseconds, or `undefined` for anything else: the
 * preferred `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850
 * (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms, all in UTC.
 * `Date.parse` takes far more (a bare `99999`), and reads an asctime date in the host's zone.
 * `nowMs` places the two-digit year of the RFC 850 form.
 */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  const fixdate =
    /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(text);
  const rfc850 = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(
    text,
  );
  const asctime = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(
    text,
  );
  let parts: [string, string, string, string, string, string] | undefined;
  if (fixdate)
    parts = [fixdate[3]!, fixdate[2]!, fixdate[1]!, fixdate[4]!, fixdate[5]!, fixdate[6]!];
  else if (rfc850) {
    // A two-digit year more than 50 years ahead is in the past century (RFC 9110 §5.6.7).
    const yy = Number(rfc850[3]);
    const thisYear = new Date(nowMs).getUTCFullYear();
    const century = thisYear - (thisYear % 100);
    const year = century + yy > thisYear + 50 ? century - 100 + yy : century + yy;
    parts = [String(year), rfc850[2]!, rfc850[1]!, rfc850[4]!, rfc850[5]!, rfc850[6]!];
  } else if (asctime) {
    parts = [asctime[6]!, asctime[1]!, asctime[2]!.trim(), asctime[3]!, asctime[4]!, asctime[5]!];
  }
  if (parts === undefined) return undefined;
  const [year, month, day, hour, minute, second] = parts.map((part, i) =>
    i === 1 ? MONTHS.indexOf(part) : Number(part),
  ) as number[];
  if (year! < 1970 || month! < 0 || hour! > 23 || minute! > 59 || second! > 60) return undefined;
  const ms = Date.UTC(year!, month!, day!, hour!, minute!, Math.min(second!, 59));
  // 31 February and the like are no dates.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
