import sys, json, datetime as dt
import icalendar, recurring_ical_events
UTC = dt.timezone.utc
text = sys.stdin.buffer.read()
cal = icalendar.Calendar.from_ical(text)
tzs = {str(tz['TZID']): tz.to_tz() for tz in cal.walk('VTIMEZONE')}
def iso(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.000Z')
    return value.isoformat()
def via_vtimezone(prop):
    value = prop.dt
    tzid = prop.params.get('TZID')
    if not isinstance(value, dt.datetime) or tzid is None:
        return iso(value)
    naive = value.replace(tzinfo=None)
    # RFC 5545 3.3.5: an ambiguous local time is its first occurrence (the daylight one).
    return iso(tzs[str(tzid)].localize(naive, is_dst=True))
events = []
for ev in cal.walk('VEVENT'):
    alarms = [str(a.get('TRIGGER').to_ical().decode()) for a in ev.walk('VALARM')]
    cats = ev.get('CATEGORIES')
    events.append({
        'uid': str(ev.get('UID')),
        'summary': str(ev.get('SUMMARY', '')),
        'description': str(ev.get('DESCRIPTION', '')),
        'categories': [str(c) for c in (cats.cats if cats is not None else [])],
        'url': str(ev['URL']) if 'URL' in ev else None,
        'status': str(ev.get('STATUS', '')),
        'sequence': int(ev.get('SEQUENCE', 0)),
        'start': iso(ev['DTSTART'].dt),
        'end': iso(ev['DTEND'].dt),
        'startViaVtimezone': via_vtimezone(ev['DTSTART']),
        'endViaVtimezone': via_vtimezone(ev['DTEND']),
        'alarmTriggers': alarms,
    })
todos = []
for td in cal.walk('VTODO'):
    todos.append({
        'uid': str(td.get('UID')),
        'summary': str(td.get('SUMMARY', '')),
        'status': str(td.get('STATUS', '')),
        'percentComplete': int(td['PERCENT-COMPLETE']) if 'PERCENT-COMPLETE' in td else None,
        'sequence': int(td.get('SEQUENCE', 0)),
        'hasStart': 'DTSTART' in td,
        'hasEnd': 'DTEND' in td,
        'due': iso(td['DUE'].dt),
        'dueViaVtimezone': via_vtimezone(td['DUE']),
        'alarmTriggers': [
            ('RELATED=' + str(a['TRIGGER'].params.get('RELATED', 'START')) + ';')
            + a['TRIGGER'].to_ical().decode()
            for a in td.walk('VALARM')
        ],
    })
occ = recurring_ical_events.of(cal).between(dt.datetime(1970, 1, 1), dt.datetime(2100, 1, 1))
print(json.dumps({
    'timezones': sorted(tzs),
    'events': events,
    'todos': todos,
    'occurrences': sorted(iso(o['DTSTART'].dt) for o in occ),
    'errors': [str(e) for c in cal.walk() for e in getattr(c, 'errors', [])],
}))
