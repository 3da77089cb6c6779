import { ProblemError } from '@gonghui/client';
import { lang as currentLang, messages, t, type Lang, type MessageKey } from './i18n';

/**
 * An API failure in words a clerk understands: a known problem type gets its own sentence in the UI's language;
 * otherwise the sentence of its status. The service's own `detail` is English, so only the English UI shows it (as a
 * second sentence); field errors of a validation problem follow, each in the UI's words where the console knows them.
 */
export function describeError(error: unknown, language: Lang = currentLang()): string {
  if (!(error instanceof ProblemError)) {
    return t('err_network', {}, language);
  }
  if (error.status === 400 && error.fieldErrors.length > 0) {
    const fields = error.fieldErrors.map((e) => `${e.field}: ${fieldMessage(e.message, language)}`).join('; ');
    return `${t('err_validation', {}, language)} ${fields}`;
  }
  const specific = `err_${error.slug.replace(/-/g, '_')}` as MessageKey;
  // the generic status sentences (err_validation, err_conflict...) are prefixes, not answers of their own
  if (specific in messages.zh && !GENERIC.has(specific)) {
    const minutes = Math.max(1, Math.ceil(Number(error.problem.retryAfterSeconds ?? 900) / 60));
    return t(specific, { minutes }, language);
  }
  const withDetail = (key: MessageKey) =>
    language === 'en' && error.detail ? `${t(key, {}, language)} ${error.detail}` : t(key, {}, language).replace(/[:：]$/, '。');
  switch (error.status) {
    case 400:
      return withDetail('err_validation');
    case 401:
      return t('err_session', {}, language);
    case 403:
      return t('err_forbidden', {}, language);
    case 404:
      return t('err_not_found', {}, language);
    case 409:
      return withDetail('err_conflict');
    case 422:
      return withDetail('err_rule');
    case 423:
      return t('err_account_locked', { minutes: 15 }, language);
    case 429:
      return t('err_too_many_login_attempts', {}, language);
    case 502:
    case 503:
    case 504:
      return t('err_unavailable', {}, language);
    default:
      return t('err_server', {}, language);
  }
}

const GENERIC = new Set<MessageKey>(['err_validation', 'err_conflict', 'err_rule', 'err_server', 'err_network', 'err_session']);

/** A field message of the API (Bean Validation's English) in the UI's words where it is one of the common ones. */
export function fieldMessage(message: string, language: Lang = currentLang()): string {
  if (language === 'en') return message;
  let m: RegExpExecArray | null;
  if (/^must not be (blank|null|empty)$/.test(message) || /\brequired\b/.test(message)) return t('fm_required', {}, language);
  if ((m = /^size must be between (\d+) and (\d+)$/.exec(message))) return t('fm_size', { min: m[1], max: m[2] }, language);
  if ((m = /^must be (?:greater than or equal to|at least) (-?[\d,]+)( fen| yuan)?$/.exec(message))) return t('fm_min', { n: m[1] + unit(m[2]) }, language);
  if ((m = /^must be (?:less than or equal to|at most) (-?[\d,]+)( fen| yuan)?$/.exec(message))) return t('fm_max', { n: m[1] + unit(m[2]) }, language);
  if (message === 'must be 0 or more') return t('fm_min', { n: 0 }, language);
  // the resident ID number checks of platform's ResidentIdNumbers
  if (/^must be 18 characters: 17 digits/.test(message)) return t('fm_idLength', {}, language);
  if (message === 'has an impossible birth date') return t('fm_birthDate', {}, language);
  if (message === 'has a wrong check digit') return t('fm_checkDigit', {}, language);
  if (message === 'must be a phone number') return t('fm_phone', {}, language);
  return message;
}

const unit = (suffix: string | undefined) => (suffix === ' fen' ? ' 分' : suffix === ' yuan' ? ' 元' : '');
