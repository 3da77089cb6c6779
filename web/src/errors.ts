import { ProblemError } from '@gonghui/client';
import { messages, t, type Lang, type MessageKey } from './i18n';

/**
 * An API failure in words a clerk understands: a known problem type gets its own sentence; otherwise the sentence of
 * its status, followed by the service's own detail or field errors where they help.
 */
export function describeError(error: unknown, language?: Lang): string {
  if (!(error instanceof ProblemError)) {
    return t('err_network', {}, language);
  }
  const specific = `err_${error.slug.replace(/-/g, '_')}` as MessageKey;
  if (specific in messages.zh) {
    const minutes = Math.max(1, Math.ceil(Number(error.problem.retryAfterSeconds ?? 900) / 60));
    return t(specific, { minutes }, language);
  }
  const fields = error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
  switch (error.status) {
    case 400:
      return `${t('err_validation', {}, language)} ${fields || error.detail || ''}`.trim();
    case 401:
      return t('err_session', {}, language);
    case 403:
      return t('err_forbidden', {}, language);
    case 404:
      return t('err_not_found', {}, language);
    case 409:
      return `${t('err_conflict', {}, language)} ${error.detail ?? error.title}`.trim();
    case 422:
      return `${t('err_rule', {}, language)} ${error.detail ?? error.title}`.trim();
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
