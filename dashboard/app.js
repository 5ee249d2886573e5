// The dashboard shell: navigation (one page per hash: #/apps, #/extensions, ...), keyboard
// shortcuts, notices, the live-connection indicator. Each page is a module with mount().
/* global location, history, HTMLElement */
import { h, replace } from './dom.js';
import { state, subscribe, connect, loadAll } from './store.js';
import { ApiError } from './api.js';
import * as apps from './page-apps.js';
import * as extensions from './page-extensions.js';
import * as events from './page-events.js';
import * as jobs from './page-jobs.js';
import * as project from './page-project.js';
import * as config from './page-config.js';

const pages = [
  ['apps', 'Applications', apps],
  ['extensions', 'Extensions', extensions],
  ['events', 'Events', events],
  ['jobs', 'Jobs', jobs],
  ['project', 'Local project', project],
  ['config', 'Configuration', config],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let current = null;

/** Shows an error (ApiError or other) with its code and "Try:" hint; dismissible. */
export function notify(error, tone = 'bad') {
  const box = document.getElementById('notices');
  const isApi = error instanceof ApiError;
  const note = h(
    'div',
    { class: `notice ${tone}` },
    h('span', null, isApi ? h('code', null, error.code) : null, ' ', error.message ?? String(error)),
    isApi && error.hint ? h('span', { class: 'hint' }, ' Try: ', error.hint) : null,
    h(
      'button',
      { type: 'button', class: 'link', 'aria-label': 'Dismiss', onclick: () => note.remove() },
      '×',
    ),
  );
  box.append(note);
  if (tone !== 'bad') setTimeout(() => note.remove(), 4000);
}

/** Runs an action from a button: disables it while running, reports failures. */
export async function act(button, run) {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await run();
  } catch (error) {
    notify(error);
    return undefined;
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

function route() {
  const [, id = 'apps', ...rest] = location.hash.split('/');
  const page = pages.find(([key]) => key === id) ?? pages[0];
  return { page, params: rest.map(decodeURIComponent) };
}

function renderNav(active) {
  const dead = state.messages.filter((m) => m.state === 'dead').length;
  const crashed = [...state.apps.values()].filter((a) => a.state === 'crashed').length;
  replace(
    nav,
    pages.map(([key, title], i) =>
      h(
        'li',
        null,
        h(
          'a',
          {
            href: `#/${key}`,
            'aria-current': key === active ? 'page' : false,
            'aria-keyshortcuts': String(i + 1),
            'data-key': `nav-${key}`,
          },
          title,
          key === 'events' && dead > 0
            ? h(
                'span',
                { class: 'count bad', title: 'dead letters' },
                String(dead),
                h('span', { class: 'sr-only' }, ' dead letters'),
              )
            : null,
          key === 'apps' && crashed > 0
            ? h(
                'span',
                { class: 'count bad', title: 'crashed' },
                String(crashed),
                h('span', { class: 'sr-only' }, ' crashed'),
              )
            : null,
        ),
      ),
    ),
  );
}

function show() {
  const { page, params } = route();
  const [key, title, module] = page;
  if (current?.key === key) {
    current.view.route?.(params);
    return;
  }
  current?.view.unmount?.();
  main.replaceChildren();
  const container = h(
    'section',
    { class: 'page', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title' }, title),
  );
  main.append(container);
  document.title = `${title} · connect dev`;
  const view = module.mount(container, { params, notify, act });
  current = { key, view };
  renderNav(key);
}

function renderConnection() {
  const el = document.getElementById('connection');
  const text = {
    live: 'live',
    reconnecting: 'reconnecting…',
    closed: 'disconnected',
    connecting: 'connecting…',
  };
  el.textContent = text[state.connection] ?? state.connection;
  el.className = `connection ${state.connection}`;
}

// A busy emulator sends thousands of events a second: pages re-render at most every
// 200 ms, with the set of topics that changed meanwhile. Log lines go straight through
// (a page appends them one by one, which is cheap).
const changed = new Set();
let flushTimer = null;
let lastFlush = 0;

function flush() {
  flushTimer = null;
  lastFlush = Date.now();
  const topics = [...changed];
  changed.clear();
  if (topics.includes('status') && state.status?.emulator) {
    document.getElementById('root').textContent = state.status.emulator.root ?? '';
  }
  if (topics.includes('messages') || topics.includes('apps')) renderNav(current?.key);
  for (const topic of topics) current?.view.update?.(topic);
}

subscribe((topic, detail) => {
  if (topic === 'connection') renderConnection();
  else if (topic === 'logs') current?.view.update?.(topic, detail);
  else {
    changed.add(topic);
    if (!flushTimer) flushTimer = setTimeout(flush, Math.max(0, 200 - (Date.now() - lastFlush)));
  }
});

function typing(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const index = Number(event.key) - 1;
  if (index >= 0 && index < pages.length) {
    location.hash = `#/${pages[index][0]}`;
    event.preventDefault();
  } else if (event.key === '/') {
    const search = main.querySelector('input[type="search"]');
    if (search) {
      search.focus();
      event.preventDefault();
    }
  } else if (event.key === 'r') {
    loadAll();
  }
});

window.addEventListener('hashchange', () => {
  const before = current?.key;
  show();
  // A new page takes the focus (as a page load would); a change within a page (an app's
  // log, another resource type) leaves it where the user is.
  if (current?.key !== before) main.focus({ preventScroll: true });
});

if (!location.hash) history.replaceState(null, '', '#/apps');
renderConnection();
show();
connect();
