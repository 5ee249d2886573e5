// Applications: state, URL, port, restarts, health; restart/rebuild; each app's log with
// search and level filter, following new lines live.
import { h, replace, field, select } from './dom.js';
import { state, loadLogs, loadStatus } from './store.js';
import { api, enc } from './api.js';
import { badge, clock } from './format.js';

const LEVELS = ['error', 'warn', 'info', 'debug'];
const PINO = { 10: 'debug', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** The level of a log line: from a JSON logger's `level`, else from the words in it. */
export function levelOf(line) {
  const text = line.text ?? '';
  if (text.startsWith('{')) {
    try {
      const level = JSON.parse(text).level;
      if (typeof level === 'number') return PINO[level] ?? 'info';
      if (typeof level === 'string') {
        const l = level.toLowerCase();
        return l.startsWith('err') || l === 'fatal'
          ? 'error'
          : l.startsWith('warn')
            ? 'warn'
            : l === 'debug' || l === 'trace'
              ? 'debug'
              : 'info';
      }
    } catch {
      // not JSON after all: fall through to the words
    }
  }
  if (/\b(error|err!|fatal|exception|uncaught|crash(ed)?)\b/i.test(text)) return 'error';
  if (/\b(warn(ing)?|deprecat\w*)\b/i.test(text)) return 'warn';
  if (/\b(debug|trace|verbose)\b/i.test(text)) return 'debug';
  return 'info';
}

export function mount(container, { params, act, notify }) {
  let selected = params[0] ?? null;
  const filter = { q: '', level: 'all', stream: 'all', follow: true };

  const table = h('div', { class: 'table-wrap' });
  const logHead = h('div', { class: 'log-head' });
  const logBox = h('div', {
    class: 'log',
    role: 'log',
    tabindex: 0,
    'aria-label': 'Application log',
    'aria-live': 'off',
  });
  const logCount = h('span', { class: 'muted' });

  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Search the log',
    oninput: () => {
      filter.q = search.value;
      renderLog();
    },
  });
  const level = select('level', [['all', 'all levels'], ...LEVELS.map((l) => [l, `${l} and above`])], 'all');
  level.addEventListener('change', () => {
    filter.level = level.value;
    renderLog();
  });
  const stream = select('stream', [['all', 'all streams'], 'stdout', 'stderr', 'system'], 'all');
  stream.addEventListener('change', () => {
    filter.stream = stream.value;
    renderLog();
  });
  const follow = h('input', {
    type: 'checkbox',
    name: 'follow',
    checked: true,
    onchange: () => {
      filter.follow = follow.checked;
    },
  });

  const logSection = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'log-title' },
    logHead,
    h(
      'div',
      { class: 'toolbar' },
      field('Search', search),
      field('Level', level),
      field('Stream', stream),
      h('label', { class: 'check' }, follow, ' Follow new lines'),
      logCount,
    ),
    logBox,
  );

  container.append(table, logSection);

  function appActions(app) {
    const restart = h('button', { type: 'button', 'data-key': `restart-${app.name}` }, 'Restart');
    restart.addEventListener('click', () =>
      act(restart, async () => {
        state.apps.set(app.name, await api(`applications/${enc(app.name)}/restart`, { method: 'POST' }));
        renderTable();
      }),
    );
    const rebuild = h('button', { type: 'button', 'data-key': `rebuild-${app.name}` }, 'Rebuild');
    rebuild.addEventListener('click', () =>
      act(rebuild, async () => {
        state.apps.set(app.name, await api(`applications/${enc(app.name)}/rebuild`, { method: 'POST' }));
        renderTable();
      }),
    );
    // connect.yaml scripts on demand: preUndeploy does not run at Ctrl-C unless --persist.
    const scripts = (app.scripts ?? []).map((script) => {
      const button = h('button', { type: 'button', 'data-key': `${script}-${app.name}` }, `Run ${script}`);
      button.addEventListener('click', () =>
        act(button, async () => {
          const result = await api(`applications/${enc(app.name)}/scripts/${enc(script)}`, {
            method: 'POST',
          });
          if (result.code !== 0)
            notify(new Error(`${app.name}: ${script} exited with ${result.code} (see its log)`));
        }),
      );
      return button;
    });
    const logs = h(
      'a',
      {
        href: `#/apps/${enc(app.name)}`,
        class: 'button',
        'data-key': `logs-${app.name}`,
        'aria-current': app.name === selected ? 'true' : false,
      },
      'Log',
    );
    return h('div', { class: 'actions' }, logs, restart, rebuild, ...scripts);
  }

  function renderTable() {
    const list = [...state.apps.values()];
    const error = state.errors.get('status');
    if (list.length === 0) {
      replace(
        table,
        h(
          'p',
          { class: 'empty' },
          error ? `Could not load the applications: ${error.message}` : 'No applications yet.',
        ),
      );
      return;
    }
    replace(
      table,
      h(
        'table',
        { class: 'grid', 'aria-label': 'Applications' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Application', 'Type', 'State', 'Health', 'URL', 'Port', 'PID', 'Restarts', ''].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          list.map((app) =>
            h(
              'tr',
              { 'data-app': app.name, class: app.name === selected ? 'selected' : false },
              h(
                'th',
                { scope: 'row' },
                app.name,
                app.lastError ? h('div', { class: 'error-text' }, app.lastError) : null,
              ),
              h('td', null, app.type),
              h('td', { class: 'state' }, badge(app.state)),
              h('td', null, app.health ? badge(app.health) : '—'),
              h(
                'td',
                null,
                app.url ? h('a', { href: app.url, target: '_blank', rel: 'noopener' }, app.url) : '—',
              ),
              h('td', { class: 'num' }, app.port ?? '—'),
              h('td', { class: 'num pid' }, app.pid ?? '—'),
              h('td', { class: 'num restarts' }, String(app.restarts ?? 0)),
              h('td', null, appActions(app)),
            ),
          ),
        ),
      ),
    );
  }

  function visible(line) {
    if (filter.stream !== 'all' && line.stream !== filter.stream) return false;
    if (filter.level !== 'all') {
      const rank = LEVELS.indexOf(levelOf(line));
      if (rank > LEVELS.indexOf(filter.level)) return false;
    }
    if (filter.q && !String(line.text).toLowerCase().includes(filter.q.toLowerCase())) return false;
    return true;
  }

  function lineNode(line) {
    const text = String(line.text ?? '');
    const lvl = levelOf(line);
    let body = text;
    if (filter.q) {
      const parts = [];
      const lower = text.toLowerCase();
      const q = filter.q.toLowerCase();
      let at = 0;
      for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, at)) {
        parts.push(text.slice(at, i), h('mark', null, text.slice(i, i + q.length)));
        at = i + q.length;
      }
      parts.push(text.slice(at));
      body = parts;
    }
    return h(
      'div',
      { class: `line ${line.stream} ${lvl}` },
      h('span', { class: 'ts', title: line.time ?? '' }, clock(line.time)),
      h('span', { class: 'lvl' }, lvl),
      h('span', { class: 'txt' }, body),
    );
  }

  function renderLog() {
    if (!selected) {
      replace(logHead, h('h2', { id: 'log-title' }, 'Log'));
      replace(logBox, h('p', { class: 'empty' }, 'Choose an application’s “Log” to read its output.'));
      logCount.textContent = '';
      return;
    }
    replace(logHead, h('h2', { id: 'log-title' }, `Log of ${selected}`));
    const lines = state.logs.get(selected);
    if (!lines) {
      replace(logBox, h('p', { class: 'empty' }, 'Loading…'));
      return;
    }
    const shown = lines.filter(visible);
    logCount.textContent = `${shown.length} of ${lines.length} lines`;
    replace(logBox, shown.length ? shown.map(lineNode) : h('p', { class: 'empty' }, 'No matching lines.'));
    if (filter.follow) logBox.scrollTop = logBox.scrollHeight;
  }

  function select_(name) {
    selected = name;
    renderTable();
    renderLog();
    if (name)
      loadLogs(name).catch(() => {
        state.logs.set(name, []);
        renderLog();
      });
  }

  renderTable();
  select_(selected);
  if (state.apps.size === 0) loadStatus();

  return {
    route(p) {
      if ((p[0] ?? null) !== selected) select_(p[0] ?? null);
    },
    update(topic, detail) {
      if (topic === 'apps' || topic === 'status') renderTable();
      if (topic === 'logs' && detail?.application === selected) {
        if (detail.line && logBox.querySelector('.line') && filter.follow !== undefined) {
          // Append rather than re-render: logs can be busy.
          const line = { time: detail.line.time, stream: detail.line.stream, text: detail.line.text };
          const lines = state.logs.get(selected) ?? [];
          logCount.textContent = `${lines.filter(visible).length} of ${lines.length} lines`;
          if (visible(line)) {
            logBox.append(lineNode(line));
            while (logBox.childElementCount > 2000) logBox.firstElementChild.remove();
            if (filter.follow) logBox.scrollTop = logBox.scrollHeight;
          }
        } else renderLog();
      }
    },
    unmount() {},
  };
}
