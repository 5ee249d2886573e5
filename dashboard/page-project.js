/* global location, CSS */
// The local project: browse what the local commercetools API holds, and create a cart or an
// order to watch the extension calls and messages it causes.
import { h, lazyDetails, replace, field, select } from './dom.js';
import { state } from './store.js';
import { api, enc } from './api.js';
import { code, time } from './format.js';
import { checkoutPanel } from './panel-checkout.js';

const TYPES = [
  ['cart', 'Carts'],
  ['order', 'Orders'],
  ['payment', 'Payments'],
  ['customer', 'Customers'],
  ['extension', 'Extensions'],
  ['subscription', 'Subscriptions'],
];

const EXAMPLES = {
  cart: '{ "currency": "EUR", "country": "DE", "customerEmail": "jane@example.com" }',
  order: '{ "cart": { "typeId": "cart", "id": "<cart id>" }, "version": 1 }',
  payment: '{ "amountPlanned": { "currencyCode": "EUR", "centAmount": 1999 } }',
  customer: '{ "email": "jane@example.com", "password": "secret123", "firstName": "Jane" }',
  extension:
    '{ "key": "my-extension", "destination": { "type": "HTTP", "url": "http://127.0.0.1:<port>/service" }, "triggers": [{ "resourceTypeId": "cart", "actions": ["Create"] }] }',
  subscription:
    '{ "key": "my-subscription", "destination": { "type": "GoogleCloudPubSub", "projectId": "<project>", "topic": "<topic>" }, "messages": [{ "resourceTypeId": "order", "types": ["OrderCreated"] }] }',
};

// The local API may ignore `sort`; the newest first, whatever it did.
function newestFirst(list) {
  return [...list].sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
}

function money(m) {
  if (!m || typeof m.centAmount !== 'number') return '';
  return `${(m.centAmount / 10 ** (m.fractionDigits ?? 2)).toFixed(m.fractionDigits ?? 2)} ${m.currencyCode}`;
}

/** One line that tells resources of a type apart. */
function summary(typeId, r) {
  switch (typeId) {
    case 'cart':
      return [r.cartState, money(r.totalPrice), `${r.lineItems?.length ?? 0} line item(s)`, r.customerEmail]
        .filter(Boolean)
        .join(' · ');
    case 'order':
      return [
        r.orderNumber && `#${r.orderNumber}`,
        r.orderState,
        r.paymentState,
        money(r.totalPrice),
        r.customerEmail,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'payment':
      return [money(r.amountPlanned), r.paymentMethodInfo?.method, r.paymentStatus?.interfaceCode]
        .filter(Boolean)
        .join(' · ');
    case 'customer':
      return [r.email, [r.firstName, r.lastName].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
    case 'extension':
      return [
        r.destination?.url ?? r.destination?.type,
        (r.triggers ?? []).map((t) => `${t.resourceTypeId}:${(t.actions ?? []).join('+')}`).join(', '),
        r.timeoutInMs && `${r.timeoutInMs} ms`,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'subscription':
      return [
        r.destination?.type,
        r.destination?.topic ?? r.destination?.url,
        (r.messages ?? [])
          .map((m) => `${m.resourceTypeId}${m.types?.length ? `:${m.types.join('+')}` : ''}`)
          .join(', '),
        r.format?.type,
      ]
        .filter(Boolean)
        .join(' · ');
    default:
      return '';
  }
}

export function mount(container, { params, act }) {
  let typeId = TYPES.some(([t]) => t === params[0]) ? params[0] : 'cart';
  let page = null;
  let error = null;

  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Resource type' });
  const list = h('div');
  const info = h('p', { class: 'muted' });
  const refresh = h('button', { type: 'button', 'data-key': 'refresh' }, 'Refresh');
  refresh.addEventListener('click', () => act(refresh, load));

  // Create a cart
  const currency = select('currency', ['EUR', 'USD', 'GBP'], 'EUR');
  const country = h('input', { name: 'country', value: 'DE', maxlength: 2, size: 3 });
  const email = h('input', { name: 'customerEmail', type: 'email', placeholder: 'optional' });
  const createCart = h('button', { type: 'submit', class: 'primary' }, 'Create cart');
  const cartForm = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'cart-title' },
    h('h2', { id: 'cart-title' }, 'Create a cart'),
    h(
      'div',
      { class: 'row' },
      field('Currency', currency),
      field('Country', country),
      field('Customer e-mail', email),
      createCart,
    ),
  );
  cartForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(createCart, async () => {
      const draft = {
        currency: currency.value,
        country: country.value || undefined,
        customerEmail: email.value || undefined,
      };
      const cart = await api('resources/cart', { method: 'POST', body: draft });
      location.hash = '#/project/cart';
      await load();
      focusResource(cart.id);
    });
  });

  // Create an order from a cart
  const cartSelect = h('select', { name: 'cart' });
  const orderNumber = h('input', { name: 'orderNumber', placeholder: 'optional' });
  const createOrder = h('button', { type: 'submit', class: 'primary' }, 'Create order');
  const orderForm = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'order-title' },
    h('h2', { id: 'order-title' }, 'Create an order from a cart'),
    h('div', { class: 'row' }, field('Cart', cartSelect), field('Order number', orderNumber), createOrder),
  );
  orderForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(createOrder, async () => {
      const [id, version] = cartSelect.value.split('@');
      if (!id) throw new Error('Create a cart first.');
      const draft = {
        cart: { typeId: 'cart', id },
        version: Number(version),
        orderNumber: orderNumber.value || undefined,
      };
      const order = await api('resources/order', { method: 'POST', body: draft });
      location.hash = '#/project/order';
      await load();
      focusResource(order.id);
    });
  });

  const checkout = checkoutPanel({ act });

  // Any other draft, as JSON
  const draftText = h('textarea', { name: 'draft', rows: 4 });
  const createAny = h('button', { type: 'submit' }, 'Create');
  const draftLabel = h('h2', { id: 'draft-title' });
  const anyForm = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'draft-title' },
    draftLabel,
    field('Draft (JSON)', draftText),
    h('div', { class: 'row' }, createAny),
  );
  anyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(createAny, async () => {
      let draft;
      try {
        draft = JSON.parse(draftText.value);
      } catch (e) {
        throw new Error(`The draft is not valid JSON: ${e.message}`, { cause: e });
      }
      const created = await api(`resources/${enc(typeId)}`, { method: 'POST', body: draft });
      await load();
      focusResource(created.id);
    });
  });

  container.append(
    h('div', { class: 'forms' }, cartForm, orderForm),
    checkout.element,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'resources-title' },
      h('h2', { id: 'resources-title' }, 'Resources'),
      h('div', { class: 'toolbar' }, tabs, refresh),
      info,
      list,
    ),
    anyForm,
  );

  function focusResource(id) {
    const summaryEl = list.querySelector(`[data-key="res-summary-${CSS.escape(id)}"]`);
    if (summaryEl) {
      summaryEl.parentElement.open = true;
      summaryEl.focus();
    }
  }

  function renderTabs() {
    replace(
      tabs,
      TYPES.map(([t, label]) =>
        h(
          'a',
          {
            href: `#/project/${t}`,
            class: 'tab',
            'aria-current': t === typeId ? 'page' : false,
            'data-key': `tab-${t}`,
          },
          label,
        ),
      ),
    );
    draftText.placeholder = EXAMPLES[typeId] ?? '{}';
    draftLabel.textContent = `Create ${/^[aeiou]/.test(typeId) ? 'an' : 'a'} ${typeId} from a draft`;
  }

  function renderList() {
    if (error) {
      replace(list, h('p', { class: 'empty' }, `Could not load: ${error.message}`));
      info.textContent = '';
      return;
    }
    if (!page) {
      replace(list, h('p', { class: 'empty' }, 'Loading…'));
      return;
    }
    const results = newestFirst(page.results ?? []);
    info.textContent = `${results.length} of ${page.total ?? results.length} ${typeId}(s)${state.platform ? ` in project ${state.platform.projectKey}` : ''}`;
    replace(
      list,
      results.length === 0
        ? h('p', { class: 'empty' }, `No ${typeId} yet.`)
        : results.map((r) =>
            lazyDetails(
              { class: 'call', 'data-key': `res-${r.id}`, 'data-resource': r.id },
              h(
                'summary',
                { 'data-key': `res-summary-${r.id}` },
                h('span', { class: 'when' }, time(r.createdAt)),
                h('span', { class: 'what' }, h('code', { title: r.id }, r.key ?? `${r.id.slice(0, 8)}…`)),
                h('span', { class: 'who muted' }, `v${r.version}`),
                h('span', { class: 'grow' }, summary(typeId, r)),
              ),
              () => h('div', { class: 'call-body' }, code(r, `${typeId} ${r.id}`)),
            ),
          ),
    );
  }

  async function load() {
    try {
      page = await api(`resources/${enc(typeId)}?limit=100&sort=${enc('createdAt desc')}`);
      error = null;
    } catch (e) {
      error = e;
    }
    renderList();
    if (typeId === 'cart' || !cartSelect.options.length) loadCarts();
  }

  async function loadCarts() {
    try {
      const carts =
        typeId === 'cart' && page
          ? page
          : await api(`resources/cart?limit=100&sort=${enc('createdAt desc')}`);
      const active = newestFirst(carts.results ?? []).filter((c) => c.cartState === 'Active');
      checkout.setCarts(
        active.map((c) => [`${c.id}@${c.version}`, `${c.id.slice(0, 8)}… ${money(c.totalPrice)}`]),
      );
      const value = cartSelect.value;
      replace(
        cartSelect,
        active.length
          ? active.map((c) =>
              h(
                'option',
                { value: `${c.id}@${c.version}`, selected: `${c.id}@${c.version}` === value },
                `${c.id.slice(0, 8)}… ${money(c.totalPrice)}`,
              ),
            )
          : h('option', { value: '' }, 'no active cart'),
      );
    } catch {
      // the list shows the error already
    }
  }

  let timer = null;
  function loadSoon() {
    clearTimeout(timer);
    timer = setTimeout(load, 300);
  }

  renderTabs();
  renderList();
  load();

  return {
    route(p) {
      const next = TYPES.some(([t]) => t === p[0]) ? p[0] : 'cart';
      if (next === typeId) return;
      typeId = next;
      page = null;
      renderTabs();
      renderList();
      load();
    },
    // Extension calls and messages mean the local project changed.
    update(topic) {
      if (topic === 'calls' || topic === 'messages') loadSoon();
    },
    unmount() {
      clearTimeout(timer);
    },
  };
}
