// Extension calls: a timeline of every call (from the local API or from a trigger), each with
// its request, response, duration against the timeout budget, verdict, actions and the
// resource before and after; and a form to send a new call.
import { h, lazyDetails, replace, field, select } from './dom.js';
import { state, loadCalls } from './store.js';
import { api, enc } from './api.js';
import { badge, changesTable, code, ms, statusCode, time } from './format.js';

const SHOWN = 100;

export const EXTENSION_RESOURCES = [
  'cart',
  'order',
  'payment',
  'payment-method',
  'customer',
  'customer-group',
  'quote-request',
  'staged-quote',
  'quote',
  'business-unit',
  'shopping-list',
];

/** The duration drawn against the timeout budget; over budget turns red and shows the margin. */
export function budgetBar(durationMs, timeoutMs) {
  const budget = timeoutMs || 2000;
  const ratio = (durationMs ?? 0) / budget;
  const tone = ratio > 1 ? 'bad' : ratio > 0.75 ? 'warn' : 'ok';
  const label = `${ms(durationMs)} of ${ms(budget)} budget${ratio > 1 ? ` (over by ${ms(durationMs - budget)})` : ''}`;
  return h(
    'div',
    { class: 'budget', role: 'img', 'aria-label': label, title: label },
    h('div', { class: `fill ${tone}`, style: { width: `${Math.min(ratio, 1) * 100}%` } }),
    h('span', { class: 'budget-text' }, `${ms(durationMs)} / ${ms(budget)}`),
  );
}

function verdictBadge(verdict) {
  if (!verdict) return badge('no verdict', 'muted');
  return verdict.ok ? badge('ok', 'ok') : badge(verdict.code ?? 'would fail', 'bad');
}

function callDetails(call) {
  const resource = call.request?.resource ?? {};
  const actions = Array.isArray(call.actions) ? call.actions : [];
  return lazyDetails(
    { class: 'call', 'data-key': `call-${call.id}`, 'data-call': call.id },
    h(
      'summary',
      { 'data-key': `call-summary-${call.id}` },
      h('span', { class: 'when' }, time(call.startedAt)),
      h(
        'span',
        { class: 'what' },
        h('strong', null, resource.typeId ?? '?'),
        ' ',
        call.request?.action ?? '',
      ),
      h(
        'span',
        { class: 'who' },
        call.application,
        call.source === 'trigger' ? h('span', { class: 'tag' }, 'trigger') : null,
      ),
      h('span', { class: 'code' }, statusCode(call.response?.statusCode)),
      budgetBar(call.durationMs, call.timeoutMs),
      h('span', { class: 'verdict' }, verdictBadge(call.verdict)),
    ),
    () =>
      h(
        'div',
        { class: 'call-body' },
        h(
          'p',
          { class: `verdict-line ${call.verdict?.ok ? 'ok' : 'bad'}` },
          h(
            'strong',
            null,
            call.verdict?.ok ? 'Production would accept this call. ' : 'Production would fail this call. ',
          ),
          call.verdict?.message ?? '',
        ),
        h(
          'p',
          { class: 'muted' },
          `${call.url ?? ''} · ${resource.typeId ?? ''} ${resource.id ?? ''} · ${actions.length} action(s)`,
        ),
        h(
          'div',
          { class: 'cols' },
          h('div', null, h('h3', null, 'Request'), code(call.request, 'Request body')),
          h(
            'div',
            null,
            h('h3', null, 'Response'),
            call.response
              ? code(call.response.body, 'Response body')
              : h('p', { class: 'empty' }, 'No response (timeout or connection error).'),
          ),
        ),
        h('h3', null, 'Actions applied'),
        actions.length ? code(actions, 'Update actions') : h('p', { class: 'empty' }, 'None.'),
        call.before && call.after
          ? [h('h3', null, 'What changed'), changesTable(call.before, call.after)]
          : null,
        h(
          'div',
          { class: 'cols' },
          h('div', null, h('h3', null, 'Before'), code(call.before, 'Resource before')),
          h('div', null, h('h3', null, 'After'), code(call.after, 'Resource after')),
        ),
      ),
  );
}

export function mount(container, { act, notify }) {
  const timeline = h('div', { class: 'timeline', role: 'region', 'aria-label': 'Extension calls' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });

  const appSelect = h('select', { name: 'application', required: true });
  const resource = select('resource', EXTENSION_RESOURCES, 'cart');
  const action = select('action', ['Create', 'Update'], 'Create');
  const obj = h('textarea', {
    name: 'obj',
    rows: 5,
    placeholder: 'Leave empty to use a sample resource created in the local API',
  });
  const oldObj = h('textarea', { name: 'oldObj', rows: 3, placeholder: 'Update only; optional' });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send call');

  const form = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'send-title' },
    h('h2', { id: 'send-title' }, 'Send an extension call'),
    h(
      'div',
      { class: 'row' },
      field('Application', appSelect),
      field('Resource type', resource),
      field('Action', action),
    ),
    field(
      'Resource (JSON)',
      obj,
      'The `obj` of the request; the call goes to the app as the platform would send it.',
    ),
    field('Old resource (JSON)', oldObj),
    h('div', { class: 'row' }, send),
    result,
  );

  function parse(textarea, what) {
    const text = textarea.value.trim();
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`${what} is not valid JSON: ${error.message}`, { cause: error });
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(send, async () => {
      if (!appSelect.value) throw new Error('This repository has no service application to send to.');
      const body = { resource: resource.value, action: action.value };
      const o = parse(obj, 'Resource');
      const old = parse(oldObj, 'Old resource');
      if (o !== undefined) body.obj = o;
      if (old !== undefined) body.oldObj = old;
      const call = await api(`extensions/${enc(appSelect.value)}/trigger`, { method: 'POST', body });
      if (!state.calls.some((c) => c.id === call.id)) state.calls.unshift(call);
      replace(
        result,
        h(
          'p',
          null,
          'Answer: ',
          statusCode(call.response?.statusCode),
          ' ',
          verdictBadge(call.verdict),
          ' ',
          call.verdict?.message ?? '',
        ),
      );
      renderTimeline();
    }).catch(notify);
  });

  container.append(
    h('div', { class: 'split' }, form),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Timeline'),
      h(
        'p',
        { class: 'muted' },
        'Newest first. Open a call (Enter) for its request, response, actions and the resource before and after.',
      ),
      timeline,
    ),
  );

  function renderApps() {
    const services = [...state.apps.values()].filter((a) => a.type === 'service');
    const value = appSelect.value;
    replace(
      appSelect,
      services.length
        ? services.map((a) => h('option', { value: a.name, selected: a.name === value }, a.name))
        : h('option', { value: '' }, 'no service application'),
    );
  }

  function renderTimeline() {
    const error = state.errors.get('calls');
    if (state.calls.length === 0) {
      replace(
        timeline,
        h(
          'p',
          { class: 'empty' },
          error
            ? `Could not load the calls: ${error.message}`
            : 'No extension call yet. Create a cart in the local project, or send one above.',
        ),
      );
      return;
    }
    replace(
      timeline,
      state.calls.slice(0, SHOWN).map(callDetails),
      state.calls.length > SHOWN
        ? h('p', { class: 'muted' }, `The newest ${SHOWN} of ${state.calls.length} calls.`)
        : null,
    );
  }

  renderApps();
  renderTimeline();
  loadCalls();

  return {
    update(topic) {
      if (topic === 'apps' || topic === 'status') renderApps();
      if (topic === 'calls') renderTimeline();
    },
  };
}
