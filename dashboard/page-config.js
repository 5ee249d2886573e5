/* global location */
// Configuration: each application's resolved environment, secured values masked, and where
// each value came from (flag, values file, .env, default).
import { h, replace, field } from './dom.js';
import { state } from './store.js';
import { api, enc } from './api.js';
import { badge } from './format.js';

const SOURCES = {
  flag: '--env flag',
  'values-file': 'values file',
  'app-dotenv': 'app .env',
  'root-dotenv': 'root .env',
  default: 'connect.yaml default',
  runtime: 'runtime',
};

export function mount(container, { params }) {
  let selected = params[0] ?? null;
  const appSelect = h('select', { name: 'application' });
  appSelect.addEventListener('change', () => {
    location.hash = `#/config/${enc(appSelect.value)}`;
  });
  const filter = h('input', { type: 'search', name: 'filter', placeholder: 'Filter keys' });
  filter.addEventListener('input', () => render());
  const body = h('div');
  let config = null;
  let error = null;

  container.append(
    h(
      'p',
      { class: 'muted' },
      'What each application receives as environment variables. Secured values are always shown as ****.',
    ),
    h('div', { class: 'toolbar' }, field('Application', appSelect), field('Filter', filter)),
    body,
  );

  function renderApps() {
    const apps = [...state.apps.keys()];
    if (!selected && apps.length) selected = apps[0];
    replace(
      appSelect,
      apps.map((name) => h('option', { value: name, selected: name === selected }, name)),
    );
  }

  function render() {
    if (error) {
      replace(body, h('p', { class: 'empty' }, `Could not load the configuration: ${error.message}`));
      return;
    }
    if (!config) {
      replace(body, h('p', { class: 'empty' }, selected ? 'Loading…' : 'No application.'));
      return;
    }
    const q = filter.value.trim().toLowerCase();
    const values = (config.values ?? []).filter((v) => !q || v.key.toLowerCase().includes(q));
    replace(
      body,
      config.missing?.length
        ? h(
            'div',
            { class: 'notice bad', role: 'alert' },
            `Missing required value(s): ${config.missing.join(', ')}. Set them with --env ${selected}.KEY=value, in the values file, or in a .env file.`,
          )
        : null,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'grid', 'aria-label': `Configuration of ${selected}` },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Key', 'Value', 'Source', 'Kind'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            null,
            values.map((v) =>
              h(
                'tr',
                { 'data-config': v.key },
                h('th', { scope: 'row' }, h('code', null, v.key)),
                h(
                  'td',
                  { class: 'value' },
                  v.value === null || v.value === undefined
                    ? h('span', { class: 'muted' }, v.required ? 'missing' : 'unset')
                    : h('code', null, v.value),
                ),
                h(
                  'td',
                  null,
                  v.source
                    ? badge(SOURCES[v.source] ?? v.source, v.source === 'runtime' ? 'muted' : 'info')
                    : '—',
                ),
                h(
                  'td',
                  null,
                  v.secured ? badge('secured', 'warn') : null,
                  ' ',
                  v.required ? badge('required', 'muted') : null,
                  ' ',
                  v.global ? badge('global', 'muted') : null,
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function load() {
    config = null;
    error = null;
    render();
    if (!selected) return;
    try {
      config = await api(`applications/${enc(selected)}/config`);
    } catch (e) {
      error = e;
    }
    render();
  }

  renderApps();
  load();

  return {
    route(p) {
      if (p[0] && p[0] !== selected) {
        selected = p[0];
        renderApps();
        load();
      }
    },
    update(topic) {
      if (topic === 'apps' || topic === 'status') {
        const had = selected;
        renderApps();
        if (!had && selected) load();
      }
    },
  };
}
