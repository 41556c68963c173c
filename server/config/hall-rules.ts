/**
 * Rules a hall's configuration must keep, shared by the config file loader and the admin
 * console: both refuse the same things, with the field named.
 */

type Seasons = { summer: { sessions: [string, string][] }; winter: { sessions: [string, string][] } };

/** Each session ends after it starts, and after the one before (no 17:00–08:00). Returns [field, message] or null. */
export function sessionsProblem(hours: Seasons): [string, string] | null {
  for (const season of ['summer', 'winter'] as const) {
    let previousEnd = '';
    for (const [i, [from, to]] of hours[season].sessions.entries()) {
      if (from >= to) return [`hours.${season}.sessions[${i}]`, `${from}–${to} ends before it starts`];
      if (from < previousEnd) return [`hours.${season}.sessions[${i}]`, `${from}–${to} overlaps the session before it`];
      previousEnd = to;
    }
  }
  return null;
}

/** A thing of one hall (a window, a device, a person) may refer only to things of the same hall. */
export function sameHallProblem(ownerHall: string | null | undefined, refHall: string | undefined, what: string, id: string): string | null {
  if (!ownerHall || refHall === undefined) return null;
  return refHall === ownerHall ? null : `"${id}" is a ${what} of hall ${refHall}, not of hall ${ownerHall}`;
}
