import './style.css';
import { gonghui } from './api';
import { clear, h } from './dom';
import { describeError } from './errors';
import { lang, setLang, t, type MessageKey } from './i18n';
import { screensFor, type Caller, type Screen } from './roles';
import { dashboardScreen } from './screens/dashboard';
import { honorsScreen } from './screens/honors';
import { welfareScreen } from './screens/welfare';
import { volunteerScreen } from './screens/volunteer';
import { loginScreen } from './screens/login';

const app = document.getElementById('app')!;
let caller: Caller | null = null;
/** why the login form is shown again (a session that ended by itself says so), until the next login */
let loginNotice: MessageKey | undefined;
let loggingOut = false;

const NAV: Record<Screen, MessageKey> = {
  dashboard: 'navDashboard',
  honors: 'navHonors',
  welfare: 'navWelfare',
  volunteer: 'navVolunteer',
};

/** Routes are `#/screen/rest...`; other fragments (the skip link) leave the page as it is. */
function route(): { screen: string; rest: string[] } {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [screen = '', ...rest] = hash.split('/').map(decodeURIComponent);
  return { screen, rest };
}

async function render() {
  setLang(lang());
  document.title = t('appTitle');
  if (!gonghui.isLoggedIn()) {
    caller = null;
    clear(app, shell(null, loginScreen(onLoggedIn, loginNotice && t(loginNotice))));
    return;
  }
  if (!caller) {
    try {
      caller = await gonghui.me();
    } catch (error) {
      clear(app, shell(null, loginScreen(onLoggedIn, describeError(error))));
      return;
    }
  }
  const allowed = screensFor(caller);
  const { screen, rest } = route();
  const current = (allowed.includes(screen as Screen) ? screen : allowed[0]) as Screen | undefined;
  const main = h('div');
  clear(app, shell(caller, main, current));
  if (!current) {
    clear(main, h('p', { class: 'notice' }, t('noAccess')));
    return;
  }
  const screens = { dashboard: dashboardScreen, honors: honorsScreen, welfare: welfareScreen, volunteer: volunteerScreen };
  await screens[current](main, caller, rest);
}

function onLoggedIn(me: Caller) {
  caller = me;
  loginNotice = undefined;
  if (!location.hash.startsWith('#/')) location.hash = `#/${screensFor(me)[0] ?? ''}`;
  void render();
}

function shell(me: Caller | null, content: HTMLElement, current?: Screen) {
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'link',
      // the accessible name starts with the visible label (WCAG 2.5.3), in the language it is written in
      'aria-label': t('langToggleLabel'),
      lang: lang() === 'zh' ? 'en' : 'zh-CN',
      on: {
        click: () => {
          setLang(lang() === 'zh' ? 'en' : 'zh');
          void render();
        },
      },
    },
    t('langToggle'),
  );
  const header = h(
    'header',
    { class: 'top' },
    h('h1', null, t('appTitle')),
    me &&
      h(
        'nav',
        { 'aria-label': t('appTitle') },
        h(
          'ul',
          null,
          screensFor(me).map((screen) =>
            h(
              'li',
              null,
              h('a', { href: `#/${screen}`, 'aria-current': screen === current ? 'page' : undefined }, t(NAV[screen])),
            ),
          ),
        ),
      ),
    h(
      'div',
      { class: 'who' },
      me && h('span', { 'data-testid': 'who' }, `${t('loggedInAs')}: ${me.username} (${me.org})`),
      toggle,
      me &&
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            on: {
              click: async () => {
                loggingOut = true;
                await gonghui.logout().catch(() => undefined);
                loggingOut = false;
                caller = null;
                location.hash = '';
                void render();
              },
            },
          },
          t('logout'),
        ),
    ),
  );
  return [header, h('main', { id: 'main', tabindex: '-1' }, content)];
}

// the skip link moves focus without touching the route
document.querySelector('.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/') || location.hash === '') void render();
});
window.addEventListener('gonghui:session-ended', () => {
  if (!loggingOut) loginNotice = 'sessionEnded';
  caller = null;
  void render();
});
void render();
