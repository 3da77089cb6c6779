import { gonghui } from '../api';
import { field, h } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import type { Caller } from '../roles';

export function loginScreen(onLoggedIn: (me: Caller) => void, initialError?: string) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert' }, initialError ?? '');
  const button = h('button', { type: 'submit' }, t('login'));
  const form = h(
    'form',
    {
      class: 'card login',
      'aria-labelledby': 'login-title',
      on: {
        submit: async (event: Event) => {
          event.preventDefault();
          button.disabled = true;
          button.textContent = t('loggingIn');
          message.textContent = '';
          try {
            onLoggedIn(await gonghui.login(username.value.trim(), password.value));
          } catch (error) {
            message.textContent = describeError(error);
            password.value = '';
            password.focus();
          } finally {
            button.disabled = false;
            button.textContent = t('login');
          }
        },
      },
    },
    h('h2', { id: 'login-title' }, t('login')),
    field(t('username'), username),
    field(t('password'), password),
    message,
    button,
  );
  queueMicrotask(() => username.focus());
  return form;
}
