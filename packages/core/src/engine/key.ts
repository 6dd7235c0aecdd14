/**
 * The stable reminder key, `<opportunityId>/<stepId>/<occurrence>`. It never contains the date,
 * so a reminder that moves (a touchpoint, a snooze, a holiday) keeps its key, and with it its
 * calendar UID and its row in Notion or Airtable.
 *
 * @example reminderKey('acme-telecom-pm', 'thank-you', 1) // 'acme-telecom-pm/thank-you/1'
 */
export function reminderKey(opportunityId: string, stepId: string, occurrence: number): string {
  // join() builds one flat string; a template literal of this length is a rope in V8, slower
  // to compare when plan() sorts tens of thousands of keys.
  return [opportunityId, stepId, occurrence].join('/');
}
