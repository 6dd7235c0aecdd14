#!/usr/bin/env python3
"""Golden recurrence fixtures from python-dateutil, the reference implementation of RFC 5545 RRULEs.

Writes packages/core/test/fixtures/recurrence/<zone>.json, which
packages/core/test/time/recurrence-golden.test.ts compares expandRRule() + toInstant() against.
The JSON is committed so tests need no Python.

    apt-get install -y python3-dateutil     # Debian's python3 carries the module
    /usr/bin/python3 scripts/gen-recurrence-fixtures.py

How a case is expanded, matching runner-up's policy (see packages/core/src/time/):
- dtstart is tz-aware in the case's zone; dateutil iterates wall-clock fields (floating) and
  attaches the zone, so each occurrence is a wall time in that zone.
- A wall time in a spring-forward gap does not exist: dateutil.tz.resolve_imaginary moves it
  forward by the gap length (RFC 5545 §3.3.5: interpret it with the offset before the gap).
- A wall time in a fall-back overlap keeps fold=0: the earlier of its two instants (PEP 495).
- UNTIL is compared as a floating wall time, and a date-only UNTIL includes its whole day.
  dateutil refuses a floating UNTIL next to an aware dtstart, so the script strips UNTIL from the
  rule and passes it back as a wall time in the same zone; Python compares two datetimes sharing
  one tzinfo by their wall fields, which is the floating comparison.
- The range end (`until`, a date, inclusive) and `max` bound every expansion.
- Every range ends by 2037: dateutil's tzfile reads only the 32-bit part of TZif files and
  ignores the POSIX rule that continues DST after the last listed transition, so from 2038 it
  gives standard time all year (dateutil issues #462 and #590). Intl has no such limit.
"""

import json
import os
import re
import sys
from datetime import datetime, time, timezone

import dateutil
from dateutil import rrule as du_rrule
from dateutil import tz

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "packages", "core", "test", "fixtures", "recurrence")

NY = "America/New_York"
LON = "Europe/London"
LHI = "Australia/Lord_Howe"
KOL = "Asia/Kolkata"
WORKDAYS = "BYDAY=MO,TU,WE,TH,FR"

# (name, zone, rule, start date, start time, range end, max)
CASES = [
    # America/New_York: DST starts the 2nd Sunday of March at 02:00, ends the 1st Sunday of November at 02:00.
    ("daily 02:30 through the March gap", NY, "FREQ=DAILY", "2026-03-06", "02:30", "2026-03-10", None),
    ("daily 01:30 through the November overlap", NY, "FREQ=DAILY", "2026-10-30", "01:30", "2026-11-03", None),
    ("weekly Sunday 02:30 across the gap", NY, "FREQ=WEEKLY;BYDAY=SU", "2026-02-22", "02:30", "2026-03-22", None),
    ("second Sunday 02:00 hits the gap each March", NY, "FREQ=MONTHLY;BYDAY=2SU", "2026-01-11", "02:00", "2027-04-30", None),
    ("first Sunday of November 01:30, yearly in the overlap", NY, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "2026-11-01", "01:30", "2030-12-31", None),
    ("third Monday monthly", NY, "FREQ=MONTHLY;BYDAY=3MO", "2026-01-19", "09:30", "2027-12-31", None),
    ("last workday of the month", NY, "FREQ=MONTHLY;" + WORKDAYS + ";BYSETPOS=-1", "2026-01-30", "17:00", "2027-06-30", None),
    ("31st of the month skips short months", NY, "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31", "09:00", "2026-12-31", None),
    ("last day of the month", NY, "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31", "09:00", "2026-12-31", None),
    ("Feb 29 by month and day", NY, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29", "09:30", "2036-12-31", None),
    ("yearly from a leap day", NY, "FREQ=YEARLY", "2028-02-29", "09:30", "2037-12-31", None),
    ("Mon/Wed/Fri with COUNT", NY, "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10", "2026-03-02", "08:00", "2027-12-31", None),
    ("every other Tue/Thu until a date", NY, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20260630", "2026-03-03", "10:15", "2027-12-31", None),
    ("WKST=MO changes biweekly Tue/Sun (RFC 5545 example)", NY, "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "1997-08-05", "09:00", "1998-12-31", None),
    ("WKST=SU changes biweekly Tue/Sun (RFC 5545 example)", NY, "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "1997-08-05", "09:00", "1998-12-31", None),
    ("every ten days", NY, "FREQ=DAILY;INTERVAL=10;COUNT=5", "2026-02-20", "07:45", "2026-12-31", None),
    ("quarterly last Friday", NY, "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR", "2026-01-30", "16:00", "2028-12-31", None),
    ("several times a night across both changes", NY, "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30", "2026-03-07", "01:30", "2026-03-09", None),
    ("overlap night, several times", NY, "FREQ=DAILY;BYHOUR=0,1,2;BYMINUTE=0,30", "2026-10-31", "00:00", "2026-11-02", None),
    ("hourly through the overlap, bounded by max", NY, "FREQ=HOURLY", "2026-11-01", "00:00", "2026-11-02", 5),
    ("UNTIL with Z compared as a wall time", NY, "FREQ=DAILY;UNTIL=20260310T023000Z", "2026-03-06", "02:30", "2026-12-31", None),
    ("date-only UNTIL includes its day", NY, "FREQ=WEEKLY;UNTIL=20261231", "2026-10-01", "18:00", "2027-12-31", None),
    ("start not matching the rule is not an occurrence", NY, "FREQ=MONTHLY;BYDAY=3MO;COUNT=3", "2026-01-01", "09:30", "2027-12-31", None),
    # Europe/London: BST from the last Sunday of March 01:00 GMT to the last Sunday of October 02:00 BST.
    ("daily 01:30 through the March gap", LON, "FREQ=DAILY", "2026-03-27", "01:30", "2026-03-31", None),
    ("daily 01:30 through the October overlap", LON, "FREQ=DAILY", "2026-10-23", "01:30", "2026-10-27", None),
    ("last Sunday of March 01:30 yearly", LON, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29", "01:30", "2032-12-31", None),
    ("last Sunday of October 01:15 yearly", LON, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "2026-10-25", "01:15", "2032-12-31", None),
    ("first and third Monday", LON, "FREQ=MONTHLY;BYDAY=1MO,3MO", "2026-01-05", "09:30", "2026-12-31", None),
    ("31st monthly", LON, "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31", "09:00", "2027-12-31", None),
    ("first workday of the month", LON, "FREQ=MONTHLY;" + WORKDAYS + ";BYSETPOS=1", "2026-01-01", "09:00", "2026-12-31", None),
    ("Sundays 01:30 with COUNT across the gap", LON, "FREQ=WEEKLY;BYDAY=SU;COUNT=12", "2026-03-01", "01:30", "2027-12-31", None),
    ("Monday of ISO week 1", LON, "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "2026-01-01", "09:00", "2031-12-31", None),
    ("days of the year", LON, "FREQ=YEARLY;BYYEARDAY=1,100,-1", "2026-01-01", "12:00", "2028-12-31", None),
    ("every other week WKST=SU", LON, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=SU", "2026-03-01", "01:30", "2026-05-31", None),
    # Australia/Lord_Howe: +10:30 standard, +11:00 daylight; 02:00 -> 02:30 on the 1st Sunday of October,
    # 02:00 -> 01:30 on the 1st Sunday of April.
    ("daily 02:15 through the half-hour gap", LHI, "FREQ=DAILY", "2026-10-02", "02:15", "2026-10-06", None),
    ("daily 01:45 through the half-hour overlap", LHI, "FREQ=DAILY", "2026-04-03", "01:45", "2026-04-07", None),
    ("first Sunday 02:15 monthly", LHI, "FREQ=MONTHLY;BYDAY=1SU", "2026-01-04", "02:15", "2027-12-31", None),
    ("first Sunday 01:45 monthly", LHI, "FREQ=MONTHLY;BYDAY=1SU", "2026-01-04", "01:45", "2027-12-31", None),
    ("weekends 02:15 with COUNT", LHI, "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=20", "2026-09-19", "02:15", "2027-12-31", None),
    ("Feb 29 yearly", LHI, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2028-02-29", "02:15", "2037-12-31", None),
    ("31st monthly with COUNT", LHI, "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8", "2026-01-31", "09:00", "2030-12-31", None),
    ("last workday of the month", LHI, "FREQ=MONTHLY;" + WORKDAYS + ";BYSETPOS=-1", "2026-01-30", "17:00", "2027-06-30", None),
    ("every quarter hour of the gap hour", LHI, "FREQ=DAILY;BYHOUR=2;BYMINUTE=0,15,30,45", "2026-10-03", "02:00", "2026-10-05", None),
    ("every quarter hour of the overlap hour", LHI, "FREQ=DAILY;BYHOUR=1;BYMINUTE=0,15,30,45", "2026-04-04", "01:00", "2026-04-06", None),
    # Asia/Kolkata: +05:30, no DST.
    ("daily just after midnight", KOL, "FREQ=DAILY;COUNT=7", "2026-12-28", "00:15", "2027-12-31", None),
    ("third Monday monthly", KOL, "FREQ=MONTHLY;BYDAY=3MO", "2026-01-19", "09:30", "2026-12-31", None),
    ("last workday of the month", KOL, "FREQ=MONTHLY;" + WORKDAYS + ";BYSETPOS=-1", "2026-01-30", "18:00", "2026-12-31", None),
    ("Feb 29 late evening", KOL, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29", "23:45", "2036-12-31", None),
    ("biweekly Mon/Thu until a UTC date-time", KOL, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU;UNTIL=20261231T180000Z", "2026-10-01", "18:00", "2027-12-31", None),
    ("31st monthly", KOL, "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31", "09:00", "2026-12-31", None),
    ("times from the rule, not the start", KOL, "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9,17;BYMINUTE=0", "2026-01-01", "09:00", "2026-04-30", None),
    ("Fridays from a Wednesday start", KOL, "FREQ=WEEKLY;BYDAY=FR;COUNT=5", "2026-01-07", "10:00", "2026-12-31", None),
    ("yearly with max", KOL, "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1", "2026-01-01", "08:00", "2037-12-31", 6),
]

UNTIL_PART = re.compile(r"(?:^|;)UNTIL=(\d{8})(?:T(\d{6})Z?)?(?=;|$)")


def split_until(rule):
    """Removes UNTIL from the rule; returns (rule, floating naive datetime or None)."""
    match = UNTIL_PART.search(rule)
    if not match:
        return rule, None
    rest = (rule[: match.start()] + rule[match.end() :]).strip(";")
    day = datetime.strptime(match.group(1), "%Y%m%d")
    if match.group(2) is None:
        # A date-only UNTIL includes its whole day.
        return rest, datetime.combine(day.date(), time(23, 59, 59))
    return rest, datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")


def expand(zone_name, rule, start_date, start_time, range_end, max_count):
    zone = tz.gettz(zone_name)
    if zone is None:
        sys.exit("unknown zone " + zone_name)
    dtstart = datetime.strptime(start_date + " " + start_time, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    body, until = split_until(rule)
    recurrence = du_rrule.rrulestr(body, dtstart=dtstart)
    if until is not None:
        recurrence = recurrence.replace(until=until.replace(tzinfo=zone))
    end = datetime.strptime(range_end, "%Y-%m-%d").date()
    if end.year >= 2038:
        sys.exit("range ends after 2037, where dateutil's zone data stops: " + rule)
    out = []
    for occurrence in recurrence:
        if occurrence.date() > end:
            break
        if max_count is not None and len(out) >= max_count:
            break
        resolved = tz.resolve_imaginary(occurrence)
        instant = resolved.astimezone(timezone.utc)
        out.append(
            {
                "floating": {"date": occurrence.strftime("%Y-%m-%d"), "time": occurrence.strftime("%H:%M")},
                "instant": instant.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "local": {"date": resolved.strftime("%Y-%m-%d"), "time": resolved.strftime("%H:%M")},
            }
        )
    return out


def tzdata_version():
    try:
        with open("/usr/share/zoneinfo/tzdata.zi", encoding="utf-8") as handle:
            first = handle.readline().strip()
        return first.replace("# version ", "") if first.startswith("# version") else "unknown"
    except OSError:
        return "unknown"


def main():
    by_zone = {}
    for name, zone, rule, start_date, start_time, range_end, max_count in CASES:
        case = {
            "name": name,
            "rule": rule,
            "start": {"date": start_date, "time": start_time},
            "range": {"until": range_end} if max_count is None else {"until": range_end, "max": max_count},
            "occurrences": expand(zone, rule, start_date, start_time, range_end, max_count),
        }
        if not case["occurrences"]:
            sys.exit("case has no occurrences: " + name)
        by_zone.setdefault(zone, []).append(case)
    os.makedirs(OUT_DIR, exist_ok=True)
    for zone, cases in by_zone.items():
        slug = zone.lower().replace("/", "-").replace("_", "-")
        document = {
            "generatedBy": "scripts/gen-recurrence-fixtures.py",
            "reference": "python-dateutil " + dateutil.__version__ + ", tzdata " + tzdata_version(),
            "zone": zone,
            "cases": cases,
        }
        path = os.path.join(OUT_DIR, slug + ".json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        print("wrote %s (%d cases)" % (os.path.relpath(path, ROOT), len(cases)), file=sys.stderr)


if __name__ == "__main__":
    main()
