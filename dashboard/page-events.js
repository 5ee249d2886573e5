// Events: every message with its delivery attempts and next retry, the dead letters with
// replay (one or all), and a form to publish a message to an event app.
import { h, lazyDetails, replace, field, select } from './dom.js';
import { state, loadMessages } from './store.js';
import { api, enc } from './api.js';
import { badge, code, ms, relative, statusCode, time, utc } from './format.js';

const SHOWN = 100;

// Common Message types, offered as suggestions until the full list (GET events/types) arrives.
const MESSAGE_TYPES = [
  'OrderCreated',
  'OrderStateChanged',
  'OrderPaymentStateChanged',
  'OrderShipmentStateChanged',
  'OrderDeleted',
  'PaymentCreated',
  'PaymentStatusStateTransition',
  'PaymentTransactionAdded',
  'CustomerCreated',
  'CustomerEmailChanged',
  'CustomerDeleted',
  'ProductCreated',
  'ProductPublished',
  'ProductUnpublished',
  'ProductDeleted',
];

function attemptsTable(delivery) {
  const attempts = delivery.attempts ?? [];
  if (attempts.length === 0) return h('p', { class: 'empty' }, 'No attempt yet.');
  return h(
    'table',
    { class: 'grid compact', 'aria-label': `Delivery attempts of ${delivery.id}` },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['#', 'At (UTC)', 'Status', 'Duration', 'Error'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      null,
      attempts.map((a, i) =>
        h(
          'tr',
          null,
          h('td', { class: 'num' }, String(i + 1)),
          h('td', null, utc(a.at)),
          h('td', null, statusCode(a.statusCode)),
          h('td', { class: 'num' }, ms(a.durationMs)),
          h('td', null, a.error ?? ''),
        ),
      ),
    ),
  );
}

export function mount(container, { act }) {
  const deadBox = h('div');
  const list = h('div');
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', name: 'filter', placeholder: 'Filter by type, app or id' });
  search.addEventListener('input', () => renderList());

  const appSelect = h('select', { name: 'application', required: true });
  const type = h('input', {
    name: 'type',
    list: 'message-types',
    value: 'OrderCreated',
    required: true,
    autocomplete: 'off',
  });
  const types = h(
    'datalist',
    { id: 'message-types' },
    MESSAGE_TYPES.map((t) => h('option', { value: t })),
  );
  // Every type the platform defines, once the local API is up (the list above until then).
  api('events/types')
    .then((answer) =>
      replace(
        types,
        answer.types.map((t) => h('option', { value: t.type, label: `${t.type} (${t.resourceTypeId})` })),
      ),
    )
    .catch(() => undefined);
  const format = select(
    'format',
    [
      ['platform', 'Platform'],
      ['cloudevents', 'CloudEvents'],
    ],
    'platform',
  );
  const payload = h('textarea', {
    name: 'payload',
    rows: 4,
    placeholder: 'Leave empty for a realistic message built from the local API',
  });
  const publish = h('button', { type: 'submit', class: 'primary' }, 'Publish');

  const form = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'publish-title' },
    h('h2', { id: 'publish-title' }, 'Publish a message'),
    h(
      'div',
      { class: 'row' },
      field('Event application', appSelect),
      field('Message type', type),
      types,
      field('Format', format),
    ),
    field('Payload (JSON)', payload),
    h('div', { class: 'row' }, publish),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(publish, async () => {
      if (!appSelect.value) throw new Error('This repository has no event application to send to.');
      const body = { type: type.value.trim(), format: format.value };
      const text = payload.value.trim();
      if (text) {
        try {
          body.payload = JSON.parse(text);
        } catch (error) {
          throw new Error(`Payload is not valid JSON: ${error.message}`, { cause: error });
        }
      }
      const delivery = await api(`events/${enc(appSelect.value)}/publish`, { method: 'POST', body });
      upsertLocal(delivery);
      const last = delivery.attempts?.at(-1);
      replace(
        result,
        h(
          'p',
          null,
          `Published ${delivery.id}: `,
          badge(delivery.state),
          ' first attempt ',
          statusCode(last?.statusCode),
          ` in ${ms(last?.durationMs)}`,
        ),
      );
      render();
    });
  });

  function upsertLocal(delivery) {
    const i = state.messages.findIndex((m) => m.id === delivery.id);
    if (i >= 0) state.messages[i] = delivery;
    else state.messages.unshift(delivery);
  }

  function replay(button, body) {
    return act(button, async () => {
      const { replayed = [] } = await api('events/replay', { method: 'POST', body });
      for (const d of replayed) upsertLocal(d);
      render();
    });
  }

  container.append(
    form,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'dead-title' },
      h('h2', { id: 'dead-title' }, 'Dead letters'),
      h(
        'p',
        { class: 'muted' },
        'Messages whose last attempt failed. They are kept under .connect/ until replayed.',
      ),
      deadBox,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'messages-title' },
      h('h2', { id: 'messages-title' }, 'Messages'),
      h('div', { class: 'toolbar' }, field('Filter', search)),
      list,
    ),
  );

  function renderApps() {
    const apps = [...state.apps.values()].filter((a) => a.type === 'event');
    const value = appSelect.value;
    replace(
      appSelect,
      apps.length
        ? apps.map((a) => h('option', { value: a.name, selected: a.name === value }, a.name))
        : h('option', { value: '' }, 'no event application'),
    );
  }

  function renderDead() {
    const dead = state.messages.filter((m) => m.state === 'dead');
    if (dead.length === 0) {
      replace(deadBox, h('p', { class: 'empty' }, 'No dead letters.'));
      return;
    }
    const all = h(
      'button',
      { type: 'button', class: 'danger', 'data-key': 'replay-all' },
      `Replay all (${dead.length})`,
    );
    all.addEventListener('click', () => replay(all, { allDead: true }));
    replace(
      deadBox,
      h('div', { class: 'toolbar' }, all),
      h(
        'table',
        { class: 'grid', 'aria-label': 'Dead letters' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Message', 'Type', 'Application', 'Attempts', 'Last status', 'Last attempt', ''].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          dead.map((m) => {
            const last = m.attempts?.at(-1);
            const button = h(
              'button',
              { type: 'button', 'data-key': `replay-${m.id}`, 'aria-label': `Replay ${m.id}` },
              'Replay',
            );
            button.addEventListener('click', () => replay(button, { id: m.id }));
            return h(
              'tr',
              { 'data-dead': m.id },
              h('th', { scope: 'row' }, h('code', null, m.id)),
              h('td', null, m.type),
              h('td', null, m.application),
              h('td', { class: 'num' }, String(m.attempts?.length ?? 0)),
              h(
                'td',
                null,
                statusCode(last?.statusCode),
                last?.error ? h('span', { class: 'muted' }, ` ${last.error}`) : null,
              ),
              h('td', null, time(last?.at)),
              h('td', null, button),
            );
          }),
        ),
      ),
    );
  }

  function renderList() {
    const q = search.value.trim().toLowerCase();
    const messages = state.messages.filter(
      (m) =>
        !q ||
        [m.id, m.type, m.application, m.state].some((v) =>
          String(v ?? '')
            .toLowerCase()
            .includes(q),
        ),
    );
    const error = state.errors.get('messages');
    if (messages.length === 0) {
      replace(
        list,
        h(
          'p',
          { class: 'empty' },
          error
            ? `Could not load the messages: ${error.message}`
            : 'No message yet. Create an order in the local project, or publish one above.',
        ),
      );
      return;
    }
    replace(
      list,
      messages.length > SHOWN
        ? h('p', { class: 'muted' }, `The newest ${SHOWN} of ${messages.length} messages.`)
        : null,
      messages.slice(0, SHOWN).map((m) => {
        const last = m.attempts?.at(-1);
        return lazyDetails(
          { class: 'call', 'data-key': `msg-${m.id}`, 'data-message': m.id, 'data-state': m.state },
          h(
            'summary',
            { 'data-key': `msg-summary-${m.id}` },
            h('span', { class: 'when' }, time(m.attempts?.[0]?.at)),
            h(
              'span',
              { class: 'what' },
              h('strong', null, m.type),
              ' ',
              h('span', { class: 'muted' }, m.format ?? ''),
            ),
            h('span', { class: 'who' }, m.application),
            h('span', { class: 'code' }, badge(m.state)),
            h(
              'span',
              { class: 'attempts' },
              `${m.attempts?.length ?? 0} attempt(s)`,
              last ? ' · last ' : '',
              last ? statusCode(last.statusCode) : null,
            ),
            h(
              'span',
              { class: 'next' },
              m.nextAttemptAt && m.state !== 'acked' && m.state !== 'dead'
                ? h(
                    'span',
                    { title: utc(m.nextAttemptAt) },
                    new Date(m.nextAttemptAt).getTime() > Date.now()
                      ? `next retry ${relative(m.nextAttemptAt)}`
                      : 'retry due now',
                  )
                : '',
            ),
          ),
          () =>
            h(
              'div',
              { class: 'call-body' },
              h('p', { class: 'muted' }, `Message ${m.id} · subscription ${m.subscription ?? '—'}`),
              h('h3', null, 'Attempts'),
              attemptsTable(m),
              h('h3', null, 'Payload'),
              code(m.payload, 'Payload'),
            ),
        );
      }),
    );
  }

  function render() {
    renderDead();
    renderList();
  }

  renderApps();
  render();
  loadMessages();
  // "next retry in 8 s" counts down without waiting for the next event.
  const tick = setInterval(() => {
    if (state.messages.some((m) => m.state === 'retrying' || m.state === 'pending')) renderList();
  }, 1000);

  return {
    update(topic) {
      if (topic === 'apps' || topic === 'status') renderApps();
      if (topic === 'messages') render();
    },
    unmount() {
      clearInterval(tick);
    },
  };
}
