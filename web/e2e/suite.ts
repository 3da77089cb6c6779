/**
 * The running suite as the browser tests see it: the gateway's URL, the first admin's login from .suite/, and the
 * accounts and records each test needs, created through the API (never with 2016 dates: that year is the demo's).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GATEWAY = process.env.GONGHUI_URL ?? `http://localhost:${process.env.SUITE_HTTP_PORT_BASE ?? 8080}`;
export const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
export const PASSWORD = `e2e-${RUN}-Passw0rd!`;
export const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

function adminCredentials() {
  const file = fileURLToPath(new URL('../../.suite/admin-credentials', import.meta.url));
  const text = readFileSync(file, 'utf8');
  const value = (key: string) => new RegExp(`^${key}:\\s*(\\S+)`, 'm').exec(text)?.[1] ?? '';
  return { username: value('username'), password: value('password') };
}

export async function tokenFor(username: string, password: string): Promise<string> {
  const response = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login of ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

let adminToken: string | undefined;
export async function admin() {
  adminToken ??= await tokenFor(adminCredentials().username, adminCredentials().password);
  return adminToken;
}

export async function call<T = Record<string, unknown>>(
  token: string, method: string, path: string, body?: unknown, expected = [200, 201], headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** An account of this run with one role at one org; returns its username and an API token. */
export async function account(role: string, orgCode: string, tag = role) {
  const username = `e2e-${RUN}-${tag}`;
  await call(await admin(), 'POST', '/api/v1/accounts', { username, password: PASSWORD, orgCode, roles: [role] });
  return { username, token: await tokenFor(username, PASSWORD) };
}

/** A resident ID number with a valid GB 11643 check character (Louxing district area code, synthetic birth date). */
export function idNumber(): string {
  const year = 1960 + Math.floor(Math.random() * 40);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const body = `431302${year}${month}${day}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

export function shanghaiDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

/**
 * A fund of the org, a verified hardship file and a submitted condolence-visit application on it, made by a clerk
 * (the fund by the first admin); returns the ids.
 */
export async function submittedApplication(
  clerkToken: string, orgCode: string, tag: string, file: { kind: string; name: string; hardships: string[] }, amountFen: number,
) {
  const fund = await call<{ id: string }>(await admin(), 'POST', '/api/v1/welfare/funds', {
    code: `e2e-${tag}-${RUN}`, name: `送温暖 ${YEAR} ${tag} ${RUN}`, year: YEAR, budgetFen: 10_000_000, orgCode,
  });
  const hardship = await call<{ id: string }>(clerkToken, 'POST', '/api/v1/welfare/cases', { ...file, idNumber: idNumber(), orgCode });
  await call(clerkToken, 'POST', `/api/v1/welfare/cases/${hardship.id}/verify`, { note: '入户核实' });
  const application = await call<{ id: string }>(clerkToken, 'POST', '/api/v1/welfare/applications', {
    programCode: 'condolence-visit', fundId: fund.id, caseId: hardship.id, amountFen,
  }, [201], { 'Idempotency-Key': crypto.randomUUID() });
  return { fundId: fund.id, caseId: hardship.id, applicationId: application.id };
}

/** An individual award of this run and a city campaign of it open from yesterday for 30 days; returns the campaign id. */
export async function openCampaign(tag: string, quota: number): Promise<string> {
  const adminToken = await admin();
  const awardCode = `e2e-${tag}${RUN}`;
  await call(adminToken, 'POST', '/api/v1/honors/awards', {
    code: awardCode, name: `测试荣誉${tag}${RUN}`, nameEn: `Test award ${tag}${RUN}`, recipientKind: 'INDIVIDUAL', level: 'MUNICIPAL',
  });
  const campaign = await call<{ id: string }>(adminToken, 'POST', '/api/v1/honors/campaigns', {
    awardCode, year: YEAR, quota, orgQuotas: {}, nominationOpens: shanghaiDate(-1), nominationCloses: shanghaiDate(30),
    noticeDays: 7, orgCode: 'ld',
  });
  return campaign.id;
}
