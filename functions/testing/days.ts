/** A response of one day with a comment naming a person, and the night after a clock: for tests about a day's aggregate. */

export const responseOn = (day: string, id: string) => ({
  id,
  audience: 'visitor',
  locale: 'fr',
  submittedAt: `${day}T09:00:00Z`,
  answers: { recommend: 9, comment: 'Marie, 12 rue des Lices' },
});

/** The next night's run (02:30 UTC the next day): the marks of the day before are over, and go. */
export const nightAfter = (clock: Date) =>
  new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate() + 1, 2, 30));
