import { ProblemError, problemFromResponse } from '@gonghui/client';
import { gonghui } from '../api';
import { field, h } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import type { Caller } from '../roles';

export function loginScreen(onLoggedIn: (me: Caller) => void, initialError?: string) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  // shown after an admin set the password: the user chooses its own before anything else (gateway POST /auth/password)
  const newPassword = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: 12 });
  const newPasswordField = field(t('newPassword'), newPassword);
  newPasswordField.hidden = true;
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
            if (!newPasswordField.hidden) {
              const response = await fetch('/auth/password', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify({ username: username.value.trim(), password: password.value, newPassword: newPassword.value }),
              });
              if (!response.ok) throw await problemFromResponse(response);
              password.value = newPassword.value;
              newPassword.value = '';
              newPasswordField.hidden = true;
            }
            onLoggedIn(await gonghui.login(username.value.trim(), password.value));
          } catch (error) {
            message.textContent = describeError(error);
            if (error instanceof ProblemError && error.slug === 'password-change-required') {
              newPasswordField.hidden = false;
              newPassword.required = true;
              newPassword.focus();
              return;
            }
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
    newPasswordField,
    message,
    button,
  );
  queueMicrotask(() => username.focus());
  return form;
}
