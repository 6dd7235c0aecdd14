/**
 * The built-in cadences. An opportunity names one in `cadence:`; a cadence of the same id under
 * the file's `cadences:` overrides it. Each step's talking points carry the reason for the touch,
 * so a reminder explains itself as well as its date.
 *
 * @module
 */

import type { CadenceInput } from '../model/pipeline';

/**
 * You came second for a job. Thank them the next business day, stay visible a few weeks later,
 * check in before the winner's 90th day, then quarterly for a year and a half.
 */
const runnerUp: CadenceInput = {
  description:
    'Came second for a job: thank them, stay visible, check in before the winner reaches day 90, then quarterly.',
  estimates: {
    // Most hires start within a few weeks of the decision; the reminder says when this is a guess.
    winnerStarts: { from: 'decided', after: 'P3W' },
  },
  steps: [
    {
      id: 'thank-you',
      from: 'decided',
      after: { businessDays: 1 },
      action: 'email',
      title: 'Thank {contact.firstName} and say you are still interested in {organization}',
      subject: 'Thank you, and the {title} role',
      body: 'Thank you for the time you and the team gave me during the {title} process. I enjoyed our conversations, and I learned a lot about the work ahead at {organization}.\n\nI would still very much like to work with you. If anything changes, or another role like this one opens, I would be glad to hear from you.',
      talkingPoints: [
        'Thank them for the time they gave you; keep it short and warm, with no hint of sour grapes.',
        'Say plainly that you would still like to work with {organization} if anything changes or opens up.',
        'Mention one thing from the interviews you would have liked to build on, so they remember you by it.',
      ],
    },
    {
      id: 'stay-visible',
      from: 'previous',
      after: 'P3W',
      action: 'linkedin',
      title: 'Send {contact.firstName} something useful, with no ask attached',
      body: 'I came across something that made me think of our conversation about the {title} role, and thought it might be useful to you: [link]\n\nNo need to reply. I hope the work is going well.',
      talkingPoints: [
        'Share an article, a talk or a small idea that touches a problem they mentioned.',
        'The goal is that your name comes to mind first if a second role like the {title} opens.',
      ],
    },
    {
      id: 'before-day-90',
      from: 'winnerStarts',
      after: 'P11W',
      action: 'email',
      title: 'Check in with {contact.firstName} before the new {title} reaches day 90',
      subject: 'Checking in from a {title} finalist',
      body: 'It has been a few months since the {title} process, and I wanted to check in. How is the team settling in, and has the work grown the way you expected?\n\nI am still interested in {organization}, and available for a second seat or a short contract if the need comes up.',
      talkingPoints: [
        'New hires most often leave, or are let go, within their first ninety days; this lands just before that mark.',
        'Do not ask how the winner is doing. Ask how the team is settling in and whether the need has grown.',
        'Restate briefly that you remain available, including for a second seat or a short contract.',
      ],
    },
    {
      id: 'quarterly',
      from: 'previous',
      after: 'P3M',
      action: 'email',
      title: 'Quarterly hello to {contact.firstName} at {organization}',
      subject: 'Catching up',
      body: 'A quick hello, with one piece of news from my side: [a project shipped, a skill gained, a role change].\n\nWhat are you working on next?',
      talkingPoints: [
        'Share one piece of real news: a project shipped, a skill gained, a role change.',
        'Teams change shape over a year; ask what they are working on next rather than about openings.',
      ],
    },
  ],
  repeat: { every: 'P3M', until: 'P15M' },
  rules: { minGapDays: 14 },
};

/** The role you came second for moved to another site or country. */
const relocated: CadenceInput = {
  description:
    'The role moved away from you: offer remote, local or contract help where the work now lives.',
  steps: [
    {
      id: 'acknowledge-move',
      from: 'decided',
      after: { businessDays: 2 },
      action: 'email',
      title: 'Tell {contact.firstName} you understand the move, and that you would still help',
      subject: 'The {title} role and the move',
      body: 'I understand the decision to move the {title} role, and I have no hard feelings about it.\n\nIf it helps while the new site gets going, I would be glad to help from where I am: remote work, a short contract, or travel for the critical weeks.',
      talkingPoints: [
        'A move is a decision about place, not about you; say you understand it.',
        'Offer what still works from where you are: remote work, a contract, travel for the critical weeks.',
      ],
    },
    {
      id: 'offer-contract-help',
      from: 'previous',
      after: 'P6W',
      action: 'call',
      title: 'Offer {organization} short-term help while the new site ramps up',
      talkingPoints: [
        'A team standing up in a new place usually needs people who already know the work.',
        'Propose a concrete, bounded piece you could own: a handover, training, a migration.',
      ],
    },
    {
      id: 'new-site-check-in',
      from: 'previous',
      after: 'P3M',
      action: 'email',
      title: 'Ask {contact.firstName} how the new site is going',
      subject: 'How is the new team settling in?',
      body: 'I hope the move has gone well. How is the new team settling in, and did you find everyone you need there?\n\nMy offer stands: if a hand from someone who already knows the work would help, I am glad to talk.',
      talkingPoints: [
        'Relocated teams often find the local market thinner than planned; ask whether they found everyone they need.',
        'Mention any local presence you have or could have near the new site.',
      ],
    },
  ],
  repeat: { every: 'P4M', until: 'P18M' },
  rules: { minGapDays: 14 },
};

/** Supplier side: your proposal came second. */
const proposalRunnerUp: CadenceInput = {
  description:
    'Your proposal came second: ask for a debrief, check in after the winner kicks off, and be ready before the renewal.',
  estimates: {
    // A contract usually kicks off a month or so after award; the reminder flags the guess.
    kickoff: { from: 'decided', after: 'P4W' },
    // With no renewal date on file, plan for a review before a one-year term ends.
    renewalReview: { from: 'decided', after: 'P10M' },
  },
  steps: [
    {
      id: 'ask-debrief',
      from: 'decided',
      after: { businessDays: 2 },
      action: 'email',
      title: 'Ask {contact.firstName} for a short debrief on the {title} evaluation',
      subject: 'Debrief on the {title} evaluation',
      body: 'Thank you for considering our proposal for {title}. Would you have twenty minutes for a short debrief? I would like to understand where our proposal fell short and what tipped the decision, so that our next bid serves you better.',
      talkingPoints: [
        'Thank them for the process, then ask where your proposal fell short and what tipped the decision.',
        'Listen more than you defend; what you learn is the brief for the next bid.',
      ],
    },
    {
      id: 'after-kickoff',
      from: 'kickoff',
      after: 'P6W',
      action: 'call',
      title: 'Check in with {contact.firstName} six weeks into the winning supplier’s work',
      talkingPoints: [
        'The first weeks of a new supplier show where scope was underestimated; ask how delivery is going.',
        'Offer to pick up a piece the winner is not covering, as a subcontractor or a separate small order.',
      ],
    },
    {
      id: 'before-renewal',
      from: 'renewalReview',
      after: 'P0D',
      action: 'meeting',
      title: 'Ask {contact.firstName} for a meeting before {organization} reviews the contract',
      subject: 'Before the {title} review',
      talkingPoints: [
        'Renewals are decided months before the end date; get onto the shortlist before the review starts.',
        'Bring what changed since your bid: new references, a better price model, answers to the debrief.',
      ],
    },
  ],
  repeat: { every: 'P6M', count: 2 },
  rules: { minGapDays: 21 },
};

/** Employer or recruiter side: keep warm with your own runner-up candidates. */
const silverMedalist: CadenceInput = {
  description:
    'Employer or recruiter side: keep warm with a candidate who came a close second, for the next opening.',
  steps: [
    {
      id: 'close-second',
      from: 'decided',
      after: { businessDays: 1 },
      action: 'call',
      // News for the candidate, not a follow-up: told the day after, even when another client
      // passed on them days before (`minGapDays` would hold it back a month).
      urgent: true,
      // The role and client in the title: one candidate may come second at two of them.
      title: 'Tell {contact.firstName} they were a close second for {title} at {organization}',
      talkingPoints: [
        'Be specific about what impressed the panel; a vague compliment reads as a form letter.',
        'Ask permission to contact them when something fitting opens.',
      ],
    },
    {
      id: 'share-openings',
      from: 'previous',
      after: 'P6W',
      action: 'email',
      title: 'Share openings that fit {contact.firstName}',
      subject: 'Roles that made us think of you',
      body: 'When we last spoke I said I would be in touch when something fitting came up. This role made me think of you: [the role, and why it fits]\n\nIf the timing is wrong, no problem at all; I will keep you in mind for the next one.',
      talkingPoints: [
        'Send only roles that genuinely fit; one good match beats a list.',
        'A hire who leaves early often means the same role reopens: say so if it happens.',
      ],
    },
    {
      id: 'availability-check',
      from: 'previous',
      after: 'P3M',
      action: 'email',
      title: 'Ask {contact.firstName} whether they are still open to a move',
      subject: 'Still open to a conversation?',
      body: 'It has been a few months since the {title} process. Are you still open to a move?\n\nIf you are, tell me what you would want from your next role, so that the next match is a better one.',
      talkingPoints: [
        'Do not assume a strong candidate has been snapped up elsewhere; many are still looking months later.',
        'Ask what they would want from a next role, so the next match is a better one.',
      ],
    },
  ],
  // Every four months for two years, as long as they answer: a candidate who does is worth the
  // next opening.
  repeat: { every: 'P4M', until: 'P2Y' },
  rules: {
    minGapDays: 30,
    // Three touches in a row with no answer: they have moved on, so stop. (Not a hand-over to
    // `quarterly`, whose news "from my side" and hello "at {organization}" are a job seeker's.)
    maxUnanswered: 3,
    // A candidate's reply ("keep me in mind") is what keeping warm is for, not the end of it: it
    // answers the touches before it (see `maxUnanswered`), and the cadence goes on.
    stopOn: ['won', 'closed', 'withdrawn'],
  },
};

/** A plain quarterly hello; also the hand-over cadence for others. */
const quarterly: CadenceInput = {
  description:
    'A quarterly hello for two years: enough to stay known, not enough to be a nuisance.',
  steps: [
    {
      id: 'check-in',
      from: 'previous',
      after: 'P3M',
      action: 'email',
      title: 'Quarterly hello to {contact.firstName} at {organization}',
      subject: 'Catching up',
      body: 'A quick hello, with one piece of news from my side: [a project shipped, a skill gained, a role change].\n\nWhat are you working on next?',
      talkingPoints: [
        'Share one piece of real news and ask one real question about their work.',
        'Needs change every quarter: a new budget, a reorganisation, someone leaving.',
      ],
    },
  ],
  repeat: { every: 'P3M', until: 'P2Y' },
  rules: { minGapDays: 30 },
};

/**
 * The built-in cadences by id: `runner-up`, `relocated`, `proposal-runner-up`,
 * `silver-medalist` and `quarterly`.
 */
export const builtinCadences: Readonly<Record<string, CadenceInput>> = Object.freeze({
  'runner-up': runnerUp,
  relocated,
  'proposal-runner-up': proposalRunnerUp,
  'silver-medalist': silverMedalist,
  quarterly,
});
