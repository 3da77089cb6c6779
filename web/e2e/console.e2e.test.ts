import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousPage, axeViolations, close, launch, loginAs, PHONE, row, shot } from './browser';
import { monthGrid } from '../src/format';
import { account, admin, call, openCampaign, submittedApplication, GATEWAY, idNumber, RUN, shanghaiDate, YEAR } from './suite';

beforeAll(launch);
afterAll(close);

describe('the console, driven in Chromium against the running suite', () => {
  it('shows the login form in Chinese, refuses a wrong password in plain words, and switches to English', async () => {
    const page = await anonymousPage();
    await page.goto(`${GATEWAY}/console/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('工会业务平台');
    await page.getByLabel('用户名').fill(`nobody-${RUN}`);
    await page.locator('input[name="password"]').fill('not the password at all');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不正确。');
    await shot(page, '01-login-error');
    expect(await axeViolations(page)).toEqual([]);
    // the toggle is named by what it shows (#29.25), with what it does
    await page.getByRole('button', { name: 'English（切换到英文界面）', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gonghui union console');
    expect(await page.getByLabel('Username').count()).toBe(1);
    expect(await page.getByRole('button', { name: '中文' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a clerk nominates, a reviewer scores, an admin shortlists', async () => {
    const campaign = { id: await openCampaign('', 1) };
    const clerk = await account('staff', 'ld.lsj', 'clerk');
    // reviewers from other counties: a reviewer may not score a nominee of their own subtree
    const reviewer = await account('reviewer', 'ld.lx', 'reviewer-lx');
    const secondReviewer = await account('reviewer', 'ld.sf', 'reviewer-sf');
    const name = `李劳模${RUN}`;

    const clerkPage = await loginAs(clerk.username);
    await clerkPage.goto(`${GATEWAY}/console/#/honors/${campaign.id}`);
    await clerkPage.getByLabel('被推荐人').fill(name);
    await clerkPage.getByLabel('身份证号').fill(idNumber());
    await clerkPage.getByLabel('工作单位').fill('涟钢集团');
    await clerkPage.getByLabel('推荐理由').fill('三十年扎根一线，带出技术骨干二十余人。');
    await clerkPage.getByRole('button', { name: '创建推荐' }).click();
    const nominationRow = clerkPage.locator('tr', { hasText: name });
    await expect.poll(() => nominationRow.locator('.badge').textContent()).toBe('草稿');
    await shot(clerkPage, '02-honors-clerk-draft');
    await nominationRow.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => nominationRow.locator('.badge').textContent()).toBe('已提交');
    await shot(clerkPage, '03-honors-clerk-submitted');
    const nominationId = (await nominationRow.getAttribute('data-id'))!;

    const reviewerPage = await loginAs(reviewer.username);
    await reviewerPage.goto(`${GATEWAY}/console/#/honors/${campaign.id}`);
    const toScore = row(reviewerPage, nominationId);
    await toScore.getByRole('spinbutton').fill('92');
    await toScore.getByRole('button', { name: '评分' }).click();
    await expect.poll(() => toScore.locator('td[data-label="评分数"]').textContent()).toBe('1');
    await shot(reviewerPage, '04-honors-reviewer-scored');
    // shortlisting needs two scores: the second reviewer scores through the API
    await call(secondReviewer.token, 'POST', `/api/v1/honors/nominations/${nominationId}/scores`, { score: 80 });

    // an admin account of this run (the first admin's password stays out of the browser)
    const shortlister = await loginAs((await account('admin', 'ld', 'admin')).username);
    await shortlister.goto(`${GATEWAY}/console/#/honors/${campaign.id}`);
    await shortlister.locator(`tr[data-id="${campaign.id}"]`).getByRole('button', { name: '确定公示名单' }).click();
    await expect.poll(() => row(shortlister, nominationId).locator('.badge').textContent()).toBe('公示中');
    expect(await shortlister.getByRole('status').first().textContent()).toContain('已确定公示名单');
    await shot(shortlister, '05-honors-admin-shortlisted');
    const stored = await call<{ status: string; meanScore: number }>(await admin(), 'GET', `/api/v1/honors/nominations/${nominationId}`);
    expect(stored.status).toBe('PUBLIC_NOTICE');
    expect(stored.meanScore).toBe(86);
  });

  it('a reviewer approves an application and finance pays it', async () => {
    const clerk = await account('staff', 'ld.lsj', 'wclerk');
    const reviewer = await account('reviewer', 'ld.lsj', 'wreviewer');
    const finance = await account('finance', 'ld.lsj', 'finance');
    const name = `王困难${RUN}`;
    const { applicationId } = await submittedApplication(clerk.token, 'ld.lsj', 'pay',
      { kind: 'WORKER', name, hardships: ['SERIOUS_ILLNESS'] }, 80_000);
    const application = { id: applicationId };

    const reviewerPage = await loginAs(reviewer.username);
    await reviewerPage.goto(`${GATEWAY}/console/#/welfare`);
    const queued = row(reviewerPage, application.id);
    expect(await queued.locator('td[data-label="金额（元）"]').textContent()).toBe('800.00');
    await shot(reviewerPage, '06-welfare-reviewer-queue');
    await queued.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => reviewerPage.getByRole('status').first().textContent()).toContain('已批准');
    expect(await row(reviewerPage, application.id).count()).toBe(0); // left the queue

    const financePage = await loginAs(finance.username);
    await financePage.goto(`${GATEWAY}/console/#/welfare`);
    await shot(financePage, '07-welfare-finance-payouts');
    await row(financePage, application.id).getByRole('button', { name: '发放' }).click();
    await expect.poll(() => financePage.getByRole('status').first().textContent()).toContain('已发放');
    await shot(financePage, '08-welfare-finance-paid');
    const paid = await call<{ status: string; paidBy: string }>(finance.token, 'GET', `/api/v1/welfare/applications/${application.id}`);
    expect(paid.status).toBe('PAID');
    expect(paid.paidBy).toBe(finance.username);
  });

  it('a coordinator previews a rotation, then saves it', async () => {
    const coordinator = await account('coordinator', 'ld.lsj', 'coord');
    const post = (path: string, body: unknown) => call<{ id: string }>(coordinator.token, 'POST', path, body);
    const communities = [
      await post('/api/v1/volunteer/communities', { name: `乐坪社区${RUN}`, orgCode: 'ld.lsj', address: '乐坪街道' }),
      await post('/api/v1/volunteer/communities', { name: `花园社区${RUN}`, orgCode: 'ld.lsj', address: '花园街道' }),
    ];
    const teams = [];
    for (const team of ['一', '二']) {
      const leader = await post('/api/v1/volunteer/volunteers', { name: `队长${team}${RUN}`, phone: '13800000000', orgCode: 'ld.lsj', skills: [] });
      teams.push(await post('/api/v1/volunteer/teams', { name: `第${team}服务队${RUN}`, leaderId: leader.id, orgCode: 'ld.lsj', memberIds: [leader.id] }));
    }

    const page = await loginAs(coordinator.username);
    await page.goto(`${GATEWAY}/console/#/volunteer`);
    await page.getByRole('heading', { name: '排班计划' }).waitFor();
    for (const label of [`第一服务队${RUN}`, `第二服务队${RUN}`, `乐坪社区${RUN}`, `花园社区${RUN}`]) {
      await page.getByLabel(label).check();
    }
    await page.getByLabel('周数').fill('4');
    const title = `巡访${RUN}`;
    await page.getByLabel('活动', { exact: true }).fill(title);
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByRole('heading', { name: '排班预览（尚未保存）' }).waitFor();
    const planned = page.locator('#main table').last().locator('tbody tr');
    expect(await planned.count()).toBe(4);
    const teamsUsed = await planned.locator('td[data-label="队伍"]').allTextContents();
    expect(teamsUsed.filter((t) => t === `第一服务队${RUN}`)).toHaveLength(2); // teams used evenly
    await shot(page, '09-volunteer-rotation-preview');
    // nothing is created by the preview
    const before = await call<{ total: number }>(coordinator.token, 'GET', `/api/v1/volunteer/activities?teamId=${teams[0].id}`);
    expect(before.total).toBe(0);

    const visitDates = await planned.locator('td[data-label="日期"]').allTextContents();
    const save = page.getByRole('button', { name: '保存排班' });
    await save.click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('已保存排班，共创建 4 次活动。');
    await shot(page, '10-volunteer-rotation-saved');
    const after = await call<{ total: number }>(coordinator.token, 'GET', `/api/v1/volunteer/activities?teamId=${teams[0].id}`);
    expect(after.total).toBe(2);
    // #29.18: saved once, the button stays disabled (a second click booked every team twice), and the calendar shows
    // the new activities of this month without a reload
    expect(await save.isDisabled()).toBe(true);
    const [year, month] = shanghaiDate().split('-').map(Number);
    const shown = monthGrid(year, month).flat(); // this month's weeks, with the days of the months around it
    const onCalendar = visitDates.filter((d) => shown.includes(d)).length;
    await expect.poll(() => page.locator('.calendar a.event', { hasText: title }).count()).toBe(onCalendar);
    await save.click({ force: true, timeout: 2_000 }).catch(() => undefined);
    expect((await call<{ total: number }>(coordinator.token, 'GET', `/api/v1/volunteer/activities?teamId=${teams[0].id}`)).total).toBe(2);

    // the same screen on a phone: the calendar and the planner stay usable in one column
    const phone = await loginAs(coordinator.username, PHONE);
    await phone.goto(`${GATEWAY}/console/#/volunteer`);
    await phone.locator('.calendar').waitFor();
    await phone.getByRole('heading', { name: '排班计划' }).waitFor();
    await shot(phone, '11-volunteer-phone');
  });

  it('a county clerk cannot see another county\'s hardship file', async () => {
    const lengshuijiang = await account('staff', 'ld.lsj', 'lsj-clerk');
    const louxing = await account('staff', 'ld.lx', 'lx-clerk');
    const name = `赵娄星${RUN}`;
    const other = await call<{ id: string }>(louxing.token, 'POST', '/api/v1/welfare/cases', {
      kind: 'HOUSEHOLD', name, idNumber: idNumber(), orgCode: 'ld.lx', hardships: ['LOW_INCOME'],
    });

    const page = await loginAs(lengshuijiang.username);
    await page.goto(`${GATEWAY}/console/#/welfare`);
    await page.getByRole('heading', { name: '困难职工档案' }).waitFor();
    await page.locator('section', { hasText: '困难职工档案' }).locator('table, p.muted').first().waitFor();
    expect(await page.getByText(name).count()).toBe(0);
    await page.goto(`${GATEWAY}/console/#/welfare/cases/${other.id}`);
    await expect.poll(() => page.getByTestId('case-error').textContent())
      .toBe('没有找到这份档案：它不存在，或不属于您单位的管辖范围。');
    await shot(page, '12-welfare-other-county-case');

    // the owner county sees it
    const owner = await loginAs(louxing.username);
    await owner.goto(`${GATEWAY}/console/#/welfare/cases/${other.id}`);
    await owner.getByRole('heading', { name }).waitFor();
  });

  it('the dashboard shows the annual report with its charts and downloads it as xlsx', async () => {
    const staff = await account('staff', 'ld', 'report');
    const page = await loginAs(staff.username);
    await page.goto(`${GATEWAY}/console/#/dashboard`);
    await page.locator('figcaption', { hasText: '各类荣誉人数' }).waitFor();
    // welfare's figures always come as six program bars (zero or not); a slow service would show the partial notice
    await page.getByRole('img', { name: '各项帮扶金额（元）' }).waitFor();
    expect(await page.getByRole('img', { name: '各项帮扶金额（元）' }).locator('rect').count()).toBe(6);
    await shot(page, '13-dashboard');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel 报表' }).click()]);
    expect(download.suggestedFilename()).toBe(`gonghui-report-ld-${YEAR}.xlsx`);
    const bytes = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(0, 2).toString()).toBe('PK'); // a zip container, as xlsx is
    // only what the roles allow: a clerk has no volunteer screen
    expect(await page.getByRole('link', { name: '志愿服务' }).count()).toBe(0);
  });
});
