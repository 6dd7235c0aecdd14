import { type CadenceInput, definePlugin } from '@runner-up/core';
import { type MarkdownSinkOptions, markdownSink } from './markdown-sink.js';

/**
 * You came second for a contract placed through a staffing agency. The client rarely calls you
 * directly: the recruiter who put you forward does, when the winner's contract ends early or a
 * second seat opens. So this cadence keeps the recruiter, not the client, up to date.
 */
export const agencyBench: CadenceInput = {
  description:
    'Came second for a contract placed through an agency: keep the recruiter who put you forward informed.',
  estimates: {
    // Agency contracts are often six months; the client reviews the seat about a month before.
    seatReview: { from: 'decided', after: 'P5M' },
  },
  steps: [
    {
      id: 'thank-recruiter',
      from: 'decided',
      after: { businessDays: 1 },
      action: 'email',
      to: 'recruiter',
      title: 'Thank {contact.firstName} for putting you forward to {organization}',
      subject: 'Thanks for the {title} submission',
      talkingPoints: [
        'Recruiters remember the candidates who make their job easy; a short thank-you is one of them.',
        '{template:markdown-agenda.availability-note}',
      ],
    },
    {
      id: 'availability-update',
      from: 'previous',
      after: 'P4W',
      action: 'email',
      to: 'recruiter',
      title: 'Tell {contact.firstName} what you are available for now',
      subject: 'Availability update',
      talkingPoints: ['{template:markdown-agenda.availability-note}'],
    },
    {
      id: 'before-seat-review',
      from: 'seatReview',
      after: 'P0D',
      action: 'call',
      to: 'recruiter',
      title: 'Call {contact.firstName} before {organization} reviews the {title} seat',
      talkingPoints: [
        'Clients decide on extensions weeks before a contract ends; be on the recruiter’s mind when they do.',
        '{template:markdown-agenda.availability-note}',
      ],
    },
  ],
  repeat: { every: 'P2M', count: 3 },
  rules: { minGapDays: 21 },
};

/** Talking-point templates this plugin adds; steps use them as `{template:<id>}`. */
export const templates = {
  'markdown-agenda.availability-note':
    'Say when you are free, for how long and at what rate, so {organization} can be pitched you in one line.',
};

/**
 * The example plugin: the Markdown checklist sink, the `markdown-agenda-agency-bench` cadence and the
 * `markdown-agenda.availability-note` template, under the name `markdown-agenda`.
 *
 * @example
 * const plugin = markdownAgendaPlugin({ store: fileStore('follow-ups.md') })
 * const pipeline = parsePipelineYaml(text, { plugins: [plugin] })
 * await plugin.sinks.markdown.sync(plan(pipeline, { now: new Date(), plugins: [plugin] }))
 */
export function markdownAgendaPlugin(options: MarkdownSinkOptions) {
  return definePlugin({
    name: 'markdown-agenda',
    cadences: { 'markdown-agenda-agency-bench': agencyBench },
    templates,
    sinks: { markdown: markdownSink(options) },
  });
}
