/** What the sync tests share: a fixed "now" and fake tokens the emulators accept. */
export const NOW = '2026-12-01T15:00:00Z';
export const NOTION_TOKEN = 'secret_FAKE0notion0token0424242';
export const AIRTABLE_TOKEN = 'patFAKE0airtable0token0.4242';
