/**
 * Whether a date is one of the owner's workdays and no holiday, worked out here from the file's
 * own `workdays` and `holidays` rather than with the engine's calendar, so that a test using it
 * does not check the engine against itself.
 */
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function isOwnersWorkday(
  date: string,
  owner: { workdays: readonly string[]; holidays: readonly string[] },
): boolean {
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  return owner.workdays.includes(weekday) && !owner.holidays.includes(date);
}
