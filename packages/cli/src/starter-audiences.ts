/**
 * Who a starter file is for: `runner-up init --for <audience>`. On its own, without the starter
 * text or core, because the program reads it for every command (`agenda` loads no more than it uses).
 */
export const STARTER_AUDIENCES = ['job-seeker', 'recruiter'] as const;
/** Who a starter file is for. */
export type StarterAudience = (typeof STARTER_AUDIENCES)[number];
