/**
 * ecoute-en.js: the widget's words in English (the survey's and the suggestion box's), fetched
 * by ecoute.js when a page is in English or a person switches to it. English typography: no
 * space before ? ! ; :, one apostrophe (’).
 */
import { GLOBAL, type Registry } from './registry.ts';
import type { Strings } from './i18n.ts';
import type { SuggestionStrings } from './suggestions/strings.ts';

const survey: Strings = {
  other: 'Français',
  loading: 'Loading…',
  loadFailed: 'Cannot load just now. Please try again later.',
  retry: 'Try again',
  who: 'You are…',
  visitor: 'A visitor or tourist',
  resident: 'A resident',
  investor: 'An investor or business owner',
  optional: 'Questions not marked “required” are optional.',
  start: 'Start',
  previous: 'Previous',
  next: 'Next',
  send: 'Send',
  sending: 'Sending…',
  restart: 'Start again',
  progress: 'Question {n} of {total}',
  progressMany: 'Questions {n} to {m} of {total}',
  required: 'required',
  answerThis: 'Please answer this question.',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  compared: 'Compared with {x}',
  comparison: ['Much worse', 'A little worse', 'About the same', 'A little better', 'Much better'],
  dontKnow: 'I don’t know',
  dontKnowPlace: 'I don’t know {x}',
  several: 'Several answers possible.',
  characters: '{n} of {max} characters',
  noContact: 'No e-mail address or phone number here, please: they would be masked.',
  thanks: 'Thank you for your answer!',
  arrived: 'It has been received.',
  previewed: 'Preview: nothing was sent.',
  queued: 'No connection: your answer is kept on this device and will be sent as soon as possible.',
  refused: 'Your answer could not be accepted.',
  use: 'With the others, it measures how the area is seen, in figures only.',
  privacy:
    'We ask for no name or address; contact details written in a comment are masked. You can withdraw your answer from here for 30 days.',
  notice: 'Privacy notice',
  withdraw: 'Withdraw my answer',
  withdrawn: 'Your answer has been withdrawn.',
  withdrawFailed: 'The withdrawal failed. Please try again later.',
  answeredOn: 'You have answered this survey already.',
};

const box: SuggestionStrings = {
  box: 'Suggestion box',
  category: 'Topic',
  pick: 'Choose a topic',
  text: 'Your message',
  district: 'District (optional)',
  noDistrict: 'Not given',
  email: 'E-mail (optional), to hear back',
  consent: 'I agree that this address is used only to keep me informed.',
  promise: 'The town hall answers every message within {n} days.',
  needCategory: 'Choose a topic.',
  needText: 'Write your message.',
  badEmail: 'Invalid address (example: name@domain.com).',
  needConsent: 'Tick the box, or empty the e-mail field.',
  sendFailed: 'Sending failed. Your text is kept: try again.',
  tooMany: 'Too many messages. Try again in a minute.',
  received: 'Thank you! Your message is recorded.',
  yourCode: 'Your tracking code, to keep:',
  mailed: 'It was also sent to you by e-mail.',
  next: 'With this code, follow your message and its answer, promised within {n} days.',
  copy: 'Copy the code',
  copied: 'Code copied.',
  share: 'Share',
  print: 'Print',
  another: 'New message',
  track: 'Follow a message',
  code: 'Tracking code',
  look: 'Look up',
  typeCode: 'Type your tracking code.',
  noCode: 'No message has this code. Please check it.',
  lookFailed: 'The search failed. Please check your connection.',
  status: 'Status',
  sentOn: 'Sent on',
  answer: 'The town hall’s answer, on {d}',
};

export const english = { survey, box };

const lent = (globalThis as unknown as Record<string, Registry | undefined>)[GLOBAL];
if (lent) lent.en = english;
