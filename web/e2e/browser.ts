/**
 * One Chromium for the browser tests and what they do with it: log in through the console's form, take screenshots,
 * and check a screen with axe-core (no serious or critical violations).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { GATEWAY, PASSWORD } from './suite';

export const SHOTS = new URL('../test-results/', import.meta.url).pathname;
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };
let browser: Browser | undefined;

export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // CI runs as root, where Chromium's sandbox cannot start
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  return browser;
}

export async function close() {
  await browser?.close();
}

/** A fresh browser session (own storage) not logged in, the console set to Chinese or English. */
export async function anonymousPage(viewport = DESKTOP, language: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser!.newContext({ viewport, locale: language === 'zh' ? 'zh-CN' : 'en-GB' });
  // the console remembers the language in localStorage (set before the first page load only)
  await context.addInitScript((lang) => {
    if (!sessionStorage.getItem('e2e.lang-set')) {
      localStorage.setItem('gonghui.lang', lang);
      sessionStorage.setItem('e2e.lang-set', '1');
    }
  }, language);
  return context.newPage();
}

/** A fresh browser session (own sessionStorage) logged in through the console's login form, Chinese or English. */
export async function loginAs(username: string, viewport = DESKTOP, language: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = await anonymousPage(viewport, language);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy/.test(msg.text()) && problems.push(msg.text()));
  await page.goto(`${GATEWAY}/console/`);
  await page.getByLabel(language === 'zh' ? '用户名' : 'Username').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: language === 'zh' ? '登录' : 'Log in', exact: true }).click();
  await expect.poll(() => page.getByTestId('who').textContent()).toContain(username);
  expect(problems).toEqual([]);
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
export const row = (page: Page, id: string) => page.locator(`tr[data-id="${id}"]`);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical axe-core violations of the page as it is (WCAG 2.x A/AA rules), as "rule: target" lines.
 * The script is evaluated through the DevTools protocol, so the console's CSP (script-src 'self') stays as it is.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}
