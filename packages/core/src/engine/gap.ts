/**
 * `minGapDays`: keeping touches to one contact or one organization apart, across opportunities.
 *
 * Runs after every opportunity is planned. Recorded outbound touchpoints and already placed
 * reminders are fixed points; pending reminders are taken in date order and each one that falls
 * too close to a fixed point of its contact or organization is pushed past it (then to a
 * workday). A reminder of an `urgent` step is never pushed: it is a fixed point as a recorded
 * touch is, which every other reminder keeps its own gap from.
 * Too close is within its own `minGapDays` of a touchpoint, and within the larger of the
 * two gaps of another reminder. A touch or reminder to the same person about another opportunity
 * is never too close on its own day (one call or one message covers both), and a reminder too
 * close to a later one moves onto its day rather than past it. Only the pushed reminder moves:
 * later steps keep counting from their planned dates. A candidate kept warm (`kind: candidate`)
 * is no one at its organization: touches to them are kept apart per person only.
 *
 * The pass reads and writes flat arrays rather than the items themselves: it visits reminders in
 * date order, which is far from the order they sit in memory, and the arrays are laid out in the
 * order it visits them.
 *
 * @module
 */

import { candidateOf } from '../model/candidate';
import { comparableName } from '../model/names';
import type { Opportunity } from '../model/pipeline';
import { nextWorkDayNumber, type WorkCalendar } from '../time/business-days';
import { toDayNumber } from '../time/plain-date';
import { createIdentity, type Identity } from './identity';
import { orderByDayThenRank } from './order';
import type { PlannedItem } from './schedule';

function organizationKey(organization: string): string {
  return `org:${comparableName(organization)}`;
}

type Contact = Opportunity['contacts'][number];

/**
 * Who a touch `with:` someone went to. A tick (`reminder:` set, as `runner-up sync` writes it)
 * went to the contact its reminder addressed, when that one has the name. Otherwise the contact
 * of that name: named exactly so first (two contacts may differ only in case), and among several
 * of one name, one you may contact.
 */
function touchedContact(
  opportunity: Opportunity,
  touch: Opportunity['touchpoints'][number],
  addressedBy: (key: string) => Contact | undefined,
): Contact | undefined {
  const name = touch.with!;
  const wanted = comparableName(name);
  const sameName = (contact: Contact) => comparableName(contact.name) === wanted;
  if (touch.reminder !== undefined) {
    const contact = addressedBy(touch.reminder);
    if (contact && sameName(contact) && opportunity.contacts.includes(contact)) return contact;
  }
  const pick = (matches: (contact: Contact) => boolean) =>
    opportunity.contacts.find((c) => matches(c) && !c.doNotContact) ??
    opportunity.contacts.find(matches);
  return pick((c) => c.name === name) ?? pick(sameName);
}

/**
 * The touches to each contact and organization, in day order: recorded touchpoints and the
 * reminders placed so far. Every group has its own run of slots in one flat array, sized before
 * the pass from what will be put there, so the pass reads one group's touches from adjacent
 * memory rather than from two arrays of its own. Slot `k` is `slots[3k]` (its day),
 * `slots[3k + 1]` (its entry: a pending reminder by its index `j`, whose person and opportunity
 * are the pass's arrays, a recorded touch as `-1 - t`) and `slots[3k + 2]` (its gap, 0 for a
 * touch, which asks for no room of its own). The gap sits in the slot because the pass reads it
 * for every touch it meets, and another reminder's entry in the pass's arrays is far from the
 * slots in memory.
 */
interface Groups {
  slots: Int32Array;
  /** Where each group's run of slots starts. */
  starts: Int32Array;
  /** How many of its slots each group fills so far. */
  lengths: Int32Array;
  /** The largest gap of each group's entries. */
  maxGaps: Int32Array;
}

/** How many numbers a slot takes in {@link Groups}' `slots`. */
const SLOT = 3;

/** No day: day numbers of 0001-01-01 to 9999-12-31 are far above it. */
const NO_DAY = -2147483648;

/** Index of the first slot in `[from, to)` whose day is `>= value`. */
function lowerBound(slots: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[SLOT * mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts `entry` on `day` into `group`, before the entries already on that day. */
function insert(groups: Groups, group: number, day: number, entry: number, gap: number): void {
  const { slots } = groups;
  const from = groups.starts[group]!;
  let i = from + groups.lengths[group]!;
  groups.lengths[group]! += 1;
  // From the end: reminders are placed in date order, so most go last.
  for (; i > from && slots[SLOT * (i - 1)]! >= day; i--) {
    slots[SLOT * i] = slots[SLOT * i - 3]!;
    slots[SLOT * i + 1] = slots[SLOT * i - 2]!;
    slots[SLOT * i + 2] = slots[SLOT * i - 1]!;
  }
  slots[SLOT * i] = day;
  slots[SLOT * i + 1] = entry;
  slots[SLOT * i + 2] = gap;
  if (gap > groups.maxGaps[group]!) groups.maxGaps[group] = gap;
}

/** Where the minimum-gap pass leaves each planned item, by its index in `items`. */
export interface GapPlacement {
  /** The day number each item falls on: the planned day, or later when pushed. */
  days: Int32Array;
  /**
   * For an item pushed and still within the horizon, the group whose touch it was kept apart
   * from, as an index into `labels`; -1 for every other item.
   */
  cause: Int32Array;
  /** For a pushed item, the day of that touch. */
  near: Int32Array;
  /** For a pushed item, the days it was kept apart by: its own gap or the other reminder's. */
  gap: Int32Array;
  /**
   * For an item pushed onto the day of a touch to its person that it joins, the group whose gap
   * asked for the room it would otherwise have waited out; -1 for every other item.
   */
  room: Int32Array;
  /** Who each group's touches are to, for the `why`: set for every group a `why` names. */
  labels: string[];
}

/**
 * Pushes pending reminders apart per contact and organization, and says where each item falls.
 * A reminder pushed past `horizonEnd` is dropped, but still takes its room there, so the
 * reminders within a horizon do not depend on how far it reaches. The items themselves are not
 * changed.
 */
export function applyMinimumGaps(
  items: readonly PlannedItem[],
  /** Orders items as their keys do (see `keyRanks`). */
  ranks: Float64Array,
  opportunities: readonly Opportunity[],
  calendar: WorkCalendar,
  horizonEnd: string,
  /** Who is one person; built from `opportunities` when not given. */
  identity?: Identity,
): GapPlacement {
  const n = items.length;
  const days = new Int32Array(n);
  // One pass over the items, which lie scattered in memory: their days, and which are pending.
  const pendingItems = new Int32Array(n);
  let m = 0;
  let gapped = false;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    days[i] = toDayNumber(item.date);
    if (item.state === 'pending') {
      pendingItems[m++] = i;
      if (item.series.rules.minGapDays > 0) gapped = true;
    }
  }
  const pendingInItemOrder = pendingItems.subarray(0, m);
  const placement: GapPlacement = {
    days,
    cause: new Int32Array(n).fill(-1),
    near: new Int32Array(n),
    gap: new Int32Array(n),
    room: new Int32Array(n).fill(-1),
    labels: [],
  };
  if (!gapped) return placement;
  const limit = toDayNumber(horizonEnd);
  /** How many groups there are so far. */
  let groupCount = 0;
  // Who each group's touches are to, for the `why`: named after its earliest recorded touch, so
  // the order touchpoints are listed in does not matter; a group with none is named after the
  // first reminder that meets it in date order, once a `why` names it. Undefined until then.
  const labels = placement.labels as (string | undefined)[];
  /** The day of the touch that named each group; +Infinity while no touch has. */
  const labelDays: number[] = [];
  const groupIds = new Map<string, number>();
  /** Organization groups by the name as written: the normalised key is built once per name. */
  const organizationGroups = new Map<string, number>();
  const groupOfOrganization = (organization: string): number => {
    let id = organizationGroups.get(organization);
    if (id === undefined) {
      id = groupOf(organizationKey(organization));
      organizationGroups.set(organization, id);
    }
    return id;
  };
  /** The group of `key`, created unnamed. */
  const groupOf = (key: string): number => {
    let id = groupIds.get(key);
    if (id === undefined) {
      id = groupCount++;
      labels.push(undefined);
      labelDays.push(Number.POSITIVE_INFINITY);
      groupIds.set(key, id);
    }
    return id;
  };
  /** The recorded touches, put into their groups once every group is known and sized. */
  const touchGroups: number[] = [];
  const touchDays: number[] = [];
  const touchEntries: number[] = [];
  /**
   * Adds a recorded touch on `day` to group `id`, which it names if it is the earliest so far.
   * Of touches on one day, under two names (one address written with two names), the first name
   * in alphabetical order, so that the order of the file does not matter.
   */
  const addTouch = (id: number, day: number, label: string, entry: number): void => {
    touchGroups.push(id);
    touchDays.push(day);
    touchEntries.push(entry);
    if (day < labelDays[id]! || (day === labelDays[id] && label < labels[id]!)) {
      labels[id] = label;
      labelDays[id] = day;
    }
  };
  /** Who is one person, from every contact of the pipeline, when first needed. */
  let identityOfPipeline: Identity | undefined = identity;
  const contactKey = (organization: string, contact: Contact): string => {
    identityOfPipeline ??= createIdentity(opportunities);
    return identityOfPipeline(organization, contact);
  };
  /** The contact each reminder key was addressed to, built when a touch first names one. */
  let addressed: Map<string, Contact> | undefined;
  const addressedBy = (key: string): Contact | undefined => {
    if (addressed === undefined) {
      addressed = new Map();
      for (const item of items) {
        if (item.series.contact) addressed.set(item.key, item.series.contact);
      }
    }
    return addressed.get(key);
  };
  /** Who each recorded touch went to (a contact group, or -1), and its opportunity's index. */
  const touchPersons: number[] = [];
  const touchOwners: number[] = [];
  /** The organization group each recorded touch counts in, or -1 (a candidate's). */
  const touchOrganizations: number[] = [];
  /**
   * What orders the touches of one day, whatever the order of the file: the opportunity's id and
   * the touch's place in it, for a recorded one; the reminder's key, for an urgent one.
   */
  const touchKeys: string[] = [];
  /** The organization group of each opportunity, by index; -1 for a candidate's. */
  const organizationOf = new Int32Array(opportunities.length);
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index]!;
    // A candidate kept warm is no one at the organization: touches to them do not count there.
    const organization =
      opportunity.kind === 'candidate' ? -1 : groupOfOrganization(opportunity.organization);
    organizationOf[index] = organization;
    const touchpoints = opportunity.touchpoints;
    for (let place = 0; place < touchpoints.length; place++) {
      const touch = touchpoints[place]!;
      if (touch.direction !== 'out') continue;
      const day = toDayNumber(touch.on);
      let contact =
        touch.with === undefined ? undefined : touchedContact(opportunity, touch, addressedBy);
      // A tick without `with:` went to the contact its reminder addressed.
      if (touch.with === undefined && touch.reminder !== undefined) {
        const addressee = addressedBy(touch.reminder);
        if (addressee && opportunity.contacts.includes(addressee)) contact = addressee;
      }
      // A candidate's own touches are with them: written without `with:`, or with a name that is
      // no contact's (most likely theirs, misspelt).
      if (contact === undefined && opportunity.kind === 'candidate') {
        contact = candidateOf(opportunity);
      }
      const person = contact ? groupOf(contactKey(opportunity.organization, contact)) : -1;
      const entry = -1 - touchPersons.length;
      touchPersons.push(person);
      touchOwners.push(index);
      touchOrganizations.push(organization);
      // Joined rather than a template literal: a rope, which the sort below would flatten.
      touchKeys.push([opportunity.id, String(place).padStart(9, '0')].join('\u0000'));
      if (organization !== -1) addTouch(organization, day, opportunity.organization, entry);
      if (contact) addTouch(person, day, contact.name, entry);
    }
  }
  // The pass places pending reminders in date then key order: reminder `j` is the `j`-th it
  // places, item `pending[j]`. What it reads of each is laid out in that order, so that it reads
  // these arrays in sequence; they are gathered below in item order (items of one opportunity are
  // adjacent), so that the items too are read in sequence.
  const pendingDays = new Int32Array(m);
  const pendingRanks = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    pendingDays[k] = days[pendingInItemOrder[k]!]!;
    pendingRanks[k] = ranks[pendingInItemOrder[k]!]!;
  }
  const order = orderByDayThenRank(pendingDays, pendingRanks);
  /** Where each pending item, in item order, comes in the pass. */
  const placeOf = new Int32Array(m);
  for (let j = 0; j < m; j++) placeOf[order[j]!] = j;
  const pending = new Int32Array(m);
  const dayOf = new Int32Array(m);
  const gaps = new Int32Array(m);
  const businessDays = new Uint8Array(m);
  /** Whether each pending item is of an `urgent` step: never moved, though others keep from it. */
  const urgent = new Uint8Array(m);
  const organizationGroup = new Int32Array(m);
  const contactGroup = new Int32Array(m);
  const ownerOf = new Int32Array(m);
  // Group ids are looked up once per opportunity and contact, not once per reminder.
  let lastOpportunity: Opportunity | undefined;
  let lastOwner = -1;
  let lastOrganization = -1;
  let lastSeries: PlannedItem['series'] | undefined;
  let lastContact: Contact | null = null;
  let lastContactGroup = -1;
  for (let k = 0; k < m; k++) {
    const item = items[pendingInItemOrder[k]!]!;
    const series = item.series;
    if (series !== lastSeries) {
      lastSeries = series;
      const { opportunity, contact } = series;
      if (opportunity !== lastOpportunity) {
        lastOpportunity = opportunity;
        lastOwner = series.opportunityIndex;
        lastOrganization = organizationOf[lastOwner]!;
      }
      // The series of one contact mostly follow one another: the last contact's group is kept.
      if (contact !== lastContact) {
        lastContact = contact;
        lastContactGroup = contact ? groupOf(contactKey(opportunity.organization, contact)) : -1;
      }
    }
    const j = placeOf[k]!;
    pending[j] = pendingInItemOrder[k]!;
    dayOf[j] = pendingDays[k]!;
    gaps[j] = series.rules.minGapDays;
    // The step's own reminder only: a repeat is planned only within the horizon, and a fixed
    // point that reminders before it keep their gap from must not depend on how far that reaches.
    urgent[j] = series.step.urgent === true && item.occurrence === 1 ? 1 : 0;
    businessDays[j] = series.rules.businessDays ? 1 : 0;
    organizationGroup[j] = lastOrganization;
    contactGroup[j] = lastContactGroup;
    ownerOf[j] = lastOwner;
  }
  // A reminder of an `urgent` step is placed as a recorded touch is, before the pass: fixed on
  // its day, a touch every other reminder keeps its own gap from, before or after it. So recording
  // it done on its day (the touch it stands for) moves nothing else. In date then key order (the
  // pass's), whatever the order of the file.
  const urgentItems: number[] = [];
  for (let j = 0; j < m; j++) if (urgent[j] === 1) urgentItems.push(j);
  const urgentCount = urgentItems.length;
  for (const j of urgentItems) {
    const item = items[pending[j]!]!;
    const entry = -1 - touchPersons.length;
    touchPersons.push(contactGroup[j]!);
    touchOwners.push(ownerOf[j]!);
    touchOrganizations.push(organizationGroup[j]!);
    touchKeys.push(item.key);
    if (organizationGroup[j] !== -1) {
      addTouch(organizationGroup[j]!, dayOf[j]!, item.series.opportunity.organization, entry);
    }
    if (contactGroup[j] !== -1) {
      addTouch(contactGroup[j]!, dayOf[j]!, item.series.contact!.name, entry);
    }
  }
  // Each group's run of slots holds its recorded touches and the pending reminders that will be
  // placed there.
  const starts = new Int32Array(groupCount + 1);
  for (const id of touchGroups) starts[id + 1]! += 1;
  for (let j = 0; j < m; j++) {
    if (urgent[j] === 1) continue;
    if (organizationGroup[j] !== -1) starts[organizationGroup[j]! + 1]! += 1;
    if (contactGroup[j] !== -1) starts[contactGroup[j]! + 1]! += 1;
  }
  for (let id = 1; id <= groupCount; id++) starts[id]! += starts[id - 1]!;
  // Whether a person's touches are about more than one opportunity: only then can one be joined.
  // The owner of each person's first touch, then -2 once another owner is met.
  const ownerOfPerson = new Int32Array(groupCount).fill(-1);
  const meet = (person: number, owner: number) => {
    const seen = ownerOfPerson[person]!;
    if (seen === -1) ownerOfPerson[person] = owner;
    else if (seen !== owner) ownerOfPerson[person] = -2;
  };
  for (let t = 0; t < touchPersons.length; t++) {
    if (touchPersons[t] !== -1) meet(touchPersons[t]!, touchOwners[t]!);
  }
  for (let j = 0; j < m; j++) {
    if (urgent[j] === 0 && contactGroup[j] !== -1) meet(contactGroup[j]!, ownerOf[j]!);
  }
  const groups: Groups = {
    slots: new Int32Array(SLOT * starts[groupCount]!),
    starts,
    lengths: new Int32Array(groupCount),
    maxGaps: new Int32Array(groupCount),
  };
  // In date order, so a touch of a later day goes at the end of its group rather than walking it
  // (touches not listed in date order made this quadratic), and those of one day by key, so which
  // is met first does not depend on the order of the file. (`insert` puts each before those
  // already on its day: one day's touches end up in the reverse of that order.)
  // By day with a counting sort, then the few touches of each day by key (ties by index: stable).
  const touchCount = touchGroups.length;
  const byDay = orderByDayThenRank(Int32Array.from(touchDays), new Float64Array(touchCount));
  const byKey = (a: number, b: number): number => {
    const keyA = touchKeys[-1 - touchEntries[a]!]!;
    const keyB = touchKeys[-1 - touchEntries[b]!]!;
    return keyA < keyB ? -1 : keyA > keyB ? 1 : a - b;
  };
  for (let from = 0, to = 1; from < touchCount; from = to++) {
    while (to < touchCount && touchDays[byDay[to]!] === touchDays[byDay[from]!]) to++;
    if (to - from > 1) byDay.subarray(from, to).sort(byKey);
  }
  for (const t of byDay) insert(groups, touchGroups[t]!, touchDays[t]!, touchEntries[t]!, 0);
  const { slots, lengths, maxGaps } = groups;
  /** Whether `entry` is a touch to person `contact` about an opportunity other than `owner`. */
  const isJoinable = (entry: number, contact: number, owner: number): boolean =>
    entry < 0
      ? touchPersons[-1 - entry] === contact && touchOwners[-1 - entry] !== owner
      : contactGroup[entry] === contact && ownerOf[entry] !== owner;
  /** Whether `entry` counts in organization group `organization` too. */
  const inOrganization = (entry: number, organization: number): boolean =>
    organization !== -1 &&
    (entry < 0 ? touchOrganizations[-1 - entry] : organizationGroup[entry]) === organization;
  /** Of {@link findJoin}: whether the touch found counts for the organization too. */
  let joinCoversOrganization = false;
  /**
   * The first day in `[from, before)` of a touch that a reminder to person `contact` about
   * opportunity `owner` can join (see the pass), or {@link NO_DAY}: a touch to that person about
   * another opportunity, on a day that holds no touch or other reminder of `owner` (two steps of
   * one opportunity are two touches) and, when `workdays`, is a workday. When `organizationToo`,
   * only a touch that counts for `organization` too; otherwise such a touch is preferred among
   * those of one day.
   */
  const findJoin = (
    contact: number,
    owner: number,
    organization: number,
    from: number,
    before: number,
    workdays: boolean,
    organizationToo: boolean,
  ): number => {
    joinCoversOrganization = false;
    if (ownerOfPerson[contact] !== -2) return NO_DAY;
    const to = starts[contact]! + lengths[contact]!;
    let k = lowerBound(slots, starts[contact]!, to, from);
    while (k < to && slots[SLOT * k]! < before) {
      const day = slots[SLOT * k]!;
      let joinable = false;
      let covers = false;
      let ownTouch = false;
      for (; k < to && slots[SLOT * k] === day; k++) {
        const entry = slots[SLOT * k + 1]!;
        if ((entry < 0 ? touchOwners[-1 - entry] : ownerOf[entry]) === owner) ownTouch = true;
        else if (isJoinable(entry, contact, owner)) {
          joinable = true;
          if (inOrganization(entry, organization)) covers = true;
        }
      }
      if (
        joinable &&
        !ownTouch &&
        (!organizationToo || covers) &&
        (!workdays || nextWorkDayNumber(day, calendar) === day)
      ) {
        joinCoversOrganization = covers;
        return day;
      }
    }
    return NO_DAY;
  };
  /** For each group, the first pending reminder (in date order) that met it. */
  const namedBy = new Int32Array(groupCount).fill(-1);
  /**
   * Names a group no touch named, for the `why` of a reminder it pushed: after the first
   * reminder that met it. Only the groups a `why` names are named.
   */
  const name = (group: number): void => {
    if (labels[group] !== undefined) return;
    const j = namedBy[group]!;
    const series = items[pending[j]!]!.series;
    labels[group] =
      organizationGroup[j] === group ? series.opportunity.organization : series.contact!.name;
  };
  for (let j = 0; j < m; j++) {
    // Placed above, as a touch.
    if (urgentCount > 0 && urgent[j] === 1) continue;
    const organization = organizationGroup[j]!;
    const contact = contactGroup[j]!;
    const owner = ownerOf[j]!;
    // Named once a `why` needs it (see `name`).
    if (organization !== -1 && namedBy[organization] === -1) namedBy[organization] = j;
    if (contact !== -1 && namedBy[contact] === -1) namedBy[contact] = j;
    const gap = gaps[j]!;
    let day = dayOf[j]!;
    // Two reminders keep the larger of their two gaps: one that asks for 14 days is kept 14 days
    // from a later one whose own cadence asks for none.
    if (
      gap > 0 ||
      (organization !== -1 && maxGaps[organization]! > 0) ||
      (contact !== -1 && maxGaps[contact]! > 0)
    ) {
      const original = day;
      const workdays = businessDays[j] === 1;
      let causeGroup = -1;
      let causeDay = 0;
      let causeGap = 0;
      // Where each group's touches within reach begin. The day only moves forward, so after a
      // push the search goes on from there rather than from the start.
      let contactFrom = -1;
      let organizationFrom = -1;
      // A touch to the same person about another opportunity can be joined: one call or one
      // message covers both, so on its day the reminder is that touch, and asks no room of the
      // person's other touches (nor of the organization's, when that touch counts there too).
      // On the planned day it stays; pushed, it moves onto the first such day before the end of
      // the room it needs, rather than wait the whole gap. (Two steps of one opportunity are two
      // touches.)
      let joinedDay = NO_DAY;
      let joinedOrganization = false;
      /** For a push onto a touch it joins, the group whose gap asked for the room it left. */
      let roomGroup = -1;
      // Only a person with touches about more than one opportunity has one to join.
      const canJoin = contact !== -1 && ownerOfPerson[contact] === -2;
      if (canJoin) {
        joinedDay = findJoin(contact, owner, organization, day, day + 1, false, false);
        joinedOrganization = joinCoversOrganization;
      }
      // What each group asks for does not change while this reminder is placed.
      const contactReach = contact === -1 ? 0 : Math.max(gap, maxGaps[contact]!);
      const organizationReach = organization === -1 ? 0 : Math.max(gap, maxGaps[organization]!);
      // Pushed on even past the horizon, where it is dropped: it still takes its room there, so
      // the reminders within a horizon are the same whatever comes after it.
      for (let changed = true; changed; ) {
        changed = false;
        // The contact first, then the organization: a push past one is re-checked against both.
        for (let g = contact !== -1 ? 0 : 1; g < (organization !== -1 ? 2 : 1); g++) {
          if (joinedDay === day && (g === 0 || joinedOrganization)) continue;
          const group = g === 0 ? contact : organization;
          const reach = g === 0 ? contactReach : organizationReach;
          if (reach === 0) continue;
          const to = starts[group]! + lengths[group]!;
          let first = g === 0 ? contactFrom : organizationFrom;
          if (first === -1) first = lowerBound(slots, starts[group]!, to, day - reach + 1);
          else while (first < to && slots[SLOT * first]! < day - reach + 1) first++;
          if (g === 0) contactFrom = first;
          else organizationFrom = first;
          // The first touch within reach that is too close, by its gap or this reminder's.
          for (let k = first; k < to; k++) {
            const near = slots[SLOT * k]!;
            if (near >= day + reach) break;
            const entry = slots[SLOT * k + 1]!;
            const keep = Math.max(gap, slots[SLOT * k + 2]!);
            if (near > day - keep && near < day + keep) {
              const past = near + keep;
              const join = canJoin
                ? findJoin(contact, owner, organization, day, past, workdays, g === 1)
                : NO_DAY;
              if (join === NO_DAY) {
                day = past;
                causeGroup = g === 0 ? contact : organization;
                causeDay = near;
                causeGap = keep;
                roomGroup = -1;
              } else {
                joinedOrganization = joinCoversOrganization;
                // Joining a touch on this very day moves nothing: the push before stays the reason.
                if (join !== day) {
                  day = join;
                  causeGroup = contact;
                  causeDay = join;
                  causeGap = keep;
                  // The person's own room when the touch too close was to them, found by either.
                  const toPerson =
                    (entry < 0 ? touchPersons[-1 - entry] : contactGroup[entry]) === contact;
                  roomGroup = g === 0 || toPerson ? contact : organization;
                }
                joinedDay = join;
              }
              changed = true;
              break;
            }
            // Two reminders of one step asking for no gap may be close, but not on one day (a
            // push by another cadence's gap can bring them together): the later goes a day on.
            if (
              keep === 0 &&
              near === day &&
              entry >= 0 &&
              items[pending[entry]!]!.series === items[pending[j]!]!.series
            ) {
              day += 1;
              causeGroup = g === 0 ? contact : organization;
              causeDay = near;
              causeGap = 1;
              changed = true;
              break;
            }
          }
        }
        if (changed && workdays) day = nextWorkDayNumber(day, calendar);
      }
      if (day !== original) {
        const i = pending[j]!;
        days[i] = day;
        // Past the horizon it is dropped, so its `why` is never read.
        if (day <= limit) {
          placement.cause[i] = causeGroup;
          placement.near[i] = causeDay;
          placement.gap[i] = causeGap;
          placement.room[i] = roomGroup;
          name(causeGroup);
          if (roomGroup !== -1) name(roomGroup);
        }
      }
    }
    if (organization !== -1) insert(groups, organization, day, j, gap);
    if (contact !== -1) insert(groups, contact, day, j, gap);
  }
  return placement;
}
