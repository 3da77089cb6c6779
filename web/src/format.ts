import { lang, t } from './i18n';

/** fen (integer) -> "1,234.50" yuan; money never goes through floating point sums here */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '–';
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** "12.5" yuan typed by a clerk -> 1250 fen; null when it is not a non-negative amount with at most 2 decimals */
export function parseYuan(text: string): number | null {
  const match = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Asia/Shanghai calendar date "YYYY-MM-DD" of an instant */
export function shanghaiDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(instant);
}

/** Monday (YYYY-MM-DD) of the week holding a YYYY-MM-DD date */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** The weeks (rows of 7 dates, Monday first) covering a month, for the calendar grid */
export function monthGrid(year: number, month: number): string[][] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const start = new Date(`${mondayOf(first)}T00:00:00Z`);
  const weeks: string[][] = [];
  const cursor = new Date(start);
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(cursor.toISOString().slice(0, 10));
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() + 1 === month && cursor.getUTCFullYear() === year);
  return weeks;
}

/** Sum of minutes per Monday-week, in week order, from (startsAt, minutes) pairs */
export function minutesByWeek(entries: { startsAt: string; minutes: number }[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const entry of entries) {
    const week = mondayOf(shanghaiDate(new Date(entry.startsAt)));
    totals.set(week, (totals.get(week) ?? 0) + entry.minutes);
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** A campaign's state from its nomination window (Asia/Shanghai dates) and its shortlist: the API has no status field. */
export function campaignStatus(
  c: { nominationOpens: string; nominationCloses: string; shortlistedAt?: string | null },
  today = shanghaiDate(new Date()),
): string {
  if (c.shortlistedAt) return t('st_PUBLIC_NOTICE');
  if (today < c.nominationOpens) return t('campaignUpcoming');
  if (today <= c.nominationCloses) return t('campaignOpen');
  return t('campaignClosed');
}
