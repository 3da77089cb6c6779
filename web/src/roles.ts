/** What each screen needs, in one place, so the navigation and the screens agree (and a unit test can check it). */
export interface Caller {
  username: string;
  org: string;
  roles: string[];
  volunteerId?: string | null;
}

const has = (caller: Caller, ...roles: string[]) => roles.some((role) => caller.roles.includes(role));

export const can = {
  seeReport: (c: Caller) => has(c, 'staff', 'auditor', 'admin'),
  /** the annual report's readers, and coordinators for the weekly hours (the activity lists are theirs) */
  seeDashboard: (c: Caller) => has(c, 'staff', 'auditor', 'admin', 'coordinator'),
  seeWeeklyHours: (c: Caller) => has(c, 'coordinator'),
  seeHonors: (c: Caller) => has(c, 'staff', 'reviewer', 'admin', 'auditor'),
  nominate: (c: Caller) => has(c, 'staff'),
  score: (c: Caller) => has(c, 'reviewer'),
  shortlistAndConfer: (c: Caller) => has(c, 'admin'),
  seeWelfare: (c: Caller) => has(c, 'staff', 'reviewer', 'finance'),
  seeCases: (c: Caller) => has(c, 'staff'),
  review: (c: Caller) => has(c, 'reviewer'),
  pay: (c: Caller) => has(c, 'finance'),
  seeVolunteer: (c: Caller) => has(c, 'coordinator', 'volunteer'),
  coordinate: (c: Caller) => has(c, 'coordinator'),
  volunteerSelf: (c: Caller) => has(c, 'volunteer') && !!c.volunteerId,
};

export type Screen = 'dashboard' | 'honors' | 'welfare' | 'volunteer';

export function screensFor(caller: Caller): Screen[] {
  const screens: Screen[] = [];
  if (can.seeDashboard(caller)) screens.push('dashboard');
  if (can.seeHonors(caller)) screens.push('honors');
  if (can.seeWelfare(caller)) screens.push('welfare');
  if (can.seeVolunteer(caller)) screens.push('volunteer');
  return screens;
}
