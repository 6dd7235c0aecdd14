/**
 * `minGapDays`: keeping touches to one contact or one organization apart, across opportunities.
 *
 * Runs after every opportunity is planned. Recorded outbound touchpoints and already placed
 * reminders are fixed points; pending reminders are taken in date order and each one that falls
 * within `minGapDays` of a fixed point of its contact or organization is pushed past it (then to a
 * workday). Only the pushed reminder moves: later steps keep counting from their planned dates.
 *
 * @module
 */

import type { Opportunity } from '../model/pipeline';
import { nextWorkDayNumber, type WorkCalendar } from '../time/business-days';
import { fromDayNumber, toDayNumber } from '../time/plain-date';
import { orderByDayThenKey } from './order';
import type { PlannedItem } from './schedule';

interface Points {
  /** Sorted day numbers. */
  days: number[];
  /** Who the points are touches to, for the `why`. */
  label: string;
}

function organizationKey(organization: string): string {
  return `org:${organization.trim().toLowerCase()}`;
}

function contactKey(
  organization: string,
  contact: { name: string; email?: string | undefined },
): string {
  return contact.email
    ? `mail:${contact.email.toLowerCase()}`
    : `name:${organization.trim().toLowerCase()}|${contact.name.trim().toLowerCase()}`;
}

/** Index of the first element `>= value` in a sorted array. */
function lowerBound(days: readonly number[], value: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(points: Points, day: number): void {
  points.days.splice(lowerBound(points.days, day), 0, day);
}

/**
 * Pushes pending reminders apart per contact and organization. Mutates `items` in place
 * (dates and `push` of the pushed ones). A reminder pushed past `horizonEnd` is left
 * there, to be dropped, and takes no room from the ones after it.
 */
export function applyMinimumGaps(
  items: PlannedItem[],
  opportunities: readonly Opportunity[],
  calendar: WorkCalendar,
  horizonEnd: string,
): void {
  const limit = toDayNumber(horizonEnd);
  if (!items.some((item) => item.state === 'pending' && item.rules.minGapDays > 0)) return;
  const table = new Map<string, Points>();
  const pointsOf = (key: string, label: string): Points => {
    let points = table.get(key);
    if (!points) {
      points = { days: [], label };
      table.set(key, points);
    }
    return points;
  };
  for (const opportunity of opportunities) {
    for (const touch of opportunity.touchpoints) {
      if (touch.direction !== 'out') continue;
      const day = toDayNumber(touch.on);
      insert(pointsOf(organizationKey(opportunity.organization), opportunity.organization), day);
      const wanted = touch.with?.trim().toLowerCase();
      const contact =
        wanted === undefined
          ? undefined
          : opportunity.contacts.find((c) => c.name.trim().toLowerCase() === wanted);
      if (contact)
        insert(pointsOf(contactKey(opportunity.organization, contact), contact.name), day);
    }
  }
  const unordered = items.filter((item) => item.state === 'pending');
  const pendingDays = new Int32Array(unordered.length);
  for (let i = 0; i < unordered.length; i++) pendingDays[i] = toDayNumber(unordered[i]!.date);
  const pending = Array.from(
    orderByDayThenKey(pendingDays, (i) => unordered[i]!.key),
    (i) => unordered[i]!,
  );
  // Keys are built once per opportunity and contact, not once per reminder.
  const organizationPoints = new Map<Opportunity, Points>();
  const contactPoints = new Map<object, Points>();
  for (const item of pending) {
    const organization = item.opportunity.organization;
    let orgPoints = organizationPoints.get(item.opportunity);
    if (!orgPoints) {
      orgPoints = pointsOf(organizationKey(organization), organization);
      organizationPoints.set(item.opportunity, orgPoints);
    }
    let contactGroup: Points | undefined;
    if (item.contact) {
      contactGroup = contactPoints.get(item.contact);
      if (!contactGroup) {
        contactGroup = pointsOf(contactKey(organization, item.contact), item.contact.name);
        contactPoints.set(item.contact, contactGroup);
      }
    }
    const gap = item.rules.minGapDays;
    let day = toDayNumber(item.date);
    if (gap > 0) {
      const original = day;
      let causeLabel = '';
      let causeDay = 0;
      // Past the horizon the reminder is dropped anyway: stop pushing it there.
      for (let changed = true; changed && day <= limit; ) {
        changed = false;
        // The contact first, then the organization: a push past one is re-checked against both.
        for (let g = contactGroup ? 0 : 1; g < 2; g++) {
          const points = g === 0 ? contactGroup! : orgPoints;
          const near = points.days[lowerBound(points.days, day - gap + 1)];
          if (near !== undefined && near < day + gap) {
            day = near + gap;
            causeLabel = points.label;
            causeDay = near;
            changed = true;
          }
        }
        if (changed && item.rules.businessDays) day = nextWorkDayNumber(day, calendar);
      }
      if (day !== original) {
        const to = fromDayNumber(day);
        // Past the horizon it is dropped, so its `why` is never read.
        if (day <= limit) {
          item.push = { from: item.date, gap, label: causeLabel, near: fromDayNumber(causeDay) };
        }
        item.date = to;
      }
    }
    if (day > limit) continue;
    insert(orgPoints, day);
    if (contactGroup) insert(contactGroup, day);
  }
}
