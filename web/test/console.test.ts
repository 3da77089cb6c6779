import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, problemFor, ValidationError } from '@gonghui/client';
import { describeError, fieldMessage } from '../src/errors';
import { messages, setLang } from '../src/i18n';
import { campaignStatus, mondayOf, minutesByWeek, monthGrid, parseYuan, yuan } from '../src/format';
import { aidByProgram } from '../src/report';
import { can, screensFor } from '../src/roles';

describe('texts', () => {
  it('every Chinese text has an English one and the other way round', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const [key, text] of Object.entries(messages.en)) expect(text, key).not.toBe('');
  });
});

describe('API errors in a clerk\'s words', () => {
  it('a known problem type gets its own sentence', () => {
    expect(describeError(problemFor(409, { type: '/problems/four-eyes', detail: 'creator may not approve' }), 'zh'))
      .toBe('不能审批自己录入的申请，需由另一位审核人批准。');
    expect(describeError(problemFor(409, { type: '/problems/quota-exhausted' }), 'en')).toBe('No nomination places are left.');
  });

  it('the lock message says how long to wait', () => {
    expect(describeError(problemFor(423, { type: '/problems/account-locked', retryAfterSeconds: 600 }), 'zh'))
      .toContain('10 分钟');
  });

  it('otherwise the status decides, with the field errors of a validation problem', () => {
    expect(describeError(new NotFoundError(404, { type: '/problems/something-new' }), 'zh')).toContain('不属于您单位');
    expect(describeError(new ForbiddenError(403, { type: '/problems/whatever' }), 'en')).toBe('Your account may not do this.');
    const invalid = new ValidationError(400, { type: '/problems/bad-input', errors: [{ field: 'amountFen', message: 'must be positive' }] });
    expect(describeError(invalid, 'en')).toBe('Please check what you entered: amountFen: must be positive');
    expect(describeError(problemFor(502, undefined), 'zh')).toBe('相关业务系统暂时无法使用，请稍后再试。');
    expect(describeError(problemFor(500, { type: '/problems/internal' }), 'zh')).toContain('联系管理员');
  });

  it('a validation problem names its fields (the API\'s /problems/validation, #29.21)', () => {
    const invalid = new ValidationError(400, { type: '/problems/validation', detail: 'Invalid input',
      errors: [{ field: 'nominee.idNumber', message: 'must not be blank' }] });
    expect(describeError(invalid, 'zh')).toBe('填写的内容有误，请检查： nominee.idNumber: 必填');
    expect(describeError(invalid, 'en')).toBe('Please check what you entered: nominee.idNumber: must not be blank');
    expect(fieldMessage('size must be between 1 and 200', 'zh')).toBe('长度应在 1 到 200 之间');
    expect(fieldMessage('must be 18 characters: 17 digits and a digit or X', 'zh')).toBe('应为 18 位：17 位数字，最后一位为数字或 X');
    expect(fieldMessage('has a wrong check digit', 'zh')).toBe('校验码不对，请核对号码');
    expect(fieldMessage('must be at most 1,000,000,000 yuan', 'zh')).toBe('不能大于 1,000,000,000 元');
    expect(fieldMessage('must be at least 1 fen', 'zh')).toBe('不能小于 1 分');
    expect(fieldMessage('has a wrong check digit', 'en')).toBe('has a wrong check digit');
  });

  it('the Chinese UI gets no English detail; the English UI may show it second (#29.22)', () => {
    const conflict = problemFor(409, { type: '/problems/something-unheard-of', detail: 'this volunteer already holds a CONFIRMED sign-up' });
    expect(describeError(conflict, 'zh')).toBe('当前状态下不能这样操作。');
    expect(describeError(conflict, 'en')).toBe('This cannot be done in the current state: this volunteer already holds a CONFIRMED sign-up');
    expect(describeError(problemFor(409, { type: '/problems/already-signed-up', detail: 'already holds' }), 'zh'))
      .toBe('您已报名此活动（或同一时段的其他活动）。');
    expect(describeError(problemFor(422, { type: '/problems/yearly-cap-exceeded', detail: 'cap' }), 'zh')).not.toMatch(/[a-z]/);
  });

  it('every problem type the services answer with has a sentence in both languages', () => {
    for (const slug of ['already-signed-up', 'signup-closed', 'illegal-transition', 'shift-overlap', 'case-not-verified',
      'yearly-cap-exceeded', 'duplicate', 'concurrent-update', 'org-out-of-scope', 'self-only', 'four-eyes']) {
      const key = `err_${slug.replace(/-/g, '_')}`;
      expect(key in messages.zh && key in messages.en, slug).toBe(true);
    }
  });

  it('a failure without an answer is a network problem, not a crash', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'zh')).toBe('无法连接服务器，请检查网络后重试。');
  });
});

describe('screens follow the roles', () => {
  const caller = (...roles: string[]) => ({ username: 'u', org: 'ld.lsj', roles });
  it('a clerk sees the report, honors and welfare, but no volunteer planning', () => {
    expect(screensFor(caller('staff'))).toEqual(['dashboard', 'honors', 'welfare']);
  });
  it('finance sees only welfare; a coordinator only volunteers; a volunteer without a profile id cannot sign up', () => {
    expect(screensFor(caller('finance'))).toEqual(['welfare']);
    expect(screensFor(caller('coordinator'))).toEqual(['dashboard', 'volunteer']); // the weekly hours chart (#29.23)
    expect(can.seeWeeklyHours(caller('auditor'))).toBe(false);
    expect(can.volunteerSelf(caller('volunteer'))).toBe(false);
    expect(can.volunteerSelf({ ...caller('volunteer'), volunteerId: 'v1' })).toBe(true);
  });
  it('only reviewers score and approve, only finance pays, only admins shortlist', () => {
    expect(can.score(caller('staff'))).toBe(false);
    expect(can.review(caller('reviewer'))).toBe(true);
    expect(can.pay(caller('reviewer'))).toBe(false);
    expect(can.shortlistAndConfer(caller('reviewer', 'staff'))).toBe(false);
    expect(screensFor(caller())).toEqual([]);
  });
});

describe('money and dates', () => {
  it('formats and reads yuan without floating point drift', () => {
    expect(yuan(137000000)).toBe('1,370,000.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-1250)).toBe('-12.50');
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
  });

  it('weeks start on Monday and the month grid covers the whole month', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    const grid = monthGrid(2026, 2);
    expect(grid[0][0]).toBe('2026-01-26');
    expect(grid.at(-1)!.at(-1)).toBe('2026-03-01');
    expect(grid.flat()).toContain('2026-02-28');
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  it('sums minutes per Shanghai week (a Sunday-evening shift in UTC belongs to the Monday week in Shanghai)', () => {
    expect(minutesByWeek([
      { startsAt: '2026-11-23T09:00:00+08:00', minutes: 120 },
      { startsAt: '2026-11-29T16:30:00Z', minutes: 60 }, // Monday 00:30 in Shanghai
      { startsAt: '2026-11-25T09:00:00+08:00', minutes: 45 },
    ])).toEqual([['2026-11-23', 165], ['2026-11-30', 60]]);
  });

  it('a campaign says whether it is open (#29.22: open campaigns showed a blank status)', () => {
    setLang('zh');
    const c = { nominationOpens: '2026-12-01', nominationCloses: '2026-12-31' };
    expect(campaignStatus(c, '2026-11-30')).toBe('未开始');
    expect(campaignStatus(c, '2026-12-01')).toBe('征集中');
    expect(campaignStatus(c, '2026-12-31')).toBe('征集中');
    expect(campaignStatus(c, '2027-01-01')).toBe('已截止');
    expect(campaignStatus({ ...c, shortlistedAt: '2027-01-02T10:00:00+08:00' }, '2027-01-03')).toBe('公示中');
  });

  it('reads the aid amounts of the report\'s welfare section', () => {
    const figures = aidByProgram({ condolenceFen: 100, studentAid: { children: 3, amountFen: 200 }, communityAidFen: 7 });
    expect(figures).toContainEqual(['student-aid', 200]);
    expect(figures).toContainEqual(['community-aid', 7]);
    expect(figures).toContainEqual(['model-worker-condolence', 0]);
    expect(aidByProgram(null)).toEqual([]);
  });
});
