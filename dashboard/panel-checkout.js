// Checkout: start a checkout session for a cart (as `connect trigger session` does) and mint a
// Merchant Center token (as `connect trigger mc-token` does), to call a payment processor's
// endpoints as a storefront and the Merchant Center would.
import { h, field, replace } from './dom.js';
import { api } from './api.js';
import { code } from './format.js';

export function checkoutPanel({ act }) {
  const cartSelect = h('select', { name: 'session-cart' });
  const processorUrl = h('input', { name: 'processorUrl', placeholder: 'default: the processor app' });
  const paymentInterface = h('input', { name: 'paymentInterface', placeholder: 'optional' });
  const methods = h('input', { name: 'allowedPaymentMethods', placeholder: 'card,invoice' });
  const start = h('button', { type: 'submit', class: 'primary' }, 'Start session');
  const mint = h('button', { type: 'button', 'data-key': 'mint-mc-token' }, 'Mint Merchant Center token');
  const result = h('div', { 'aria-live': 'polite' });

  const form = h(
    'form',
    { class: 'panel form', 'aria-labelledby': 'checkout-title' },
    h('h2', { id: 'checkout-title' }, 'Start a checkout session'),
    h(
      'div',
      { class: 'row' },
      field('Cart', cartSelect),
      field('Processor URL', processorUrl),
      field('Payment interface', paymentInterface),
      field('Allowed payment methods', methods),
      start,
      mint,
    ),
    result,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(start, async () => {
      const [id] = cartSelect.value.split('@');
      if (!id) throw new Error('Create a cart first.');
      const list = methods.value
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const body = {
        cart: id,
        processorUrl: processorUrl.value || undefined,
        paymentInterface: paymentInterface.value || undefined,
        allowedPaymentMethods: list.length ? list : undefined,
      };
      const { session } = await api('checkout/sessions', { method: 'POST', body });
      const processor = session.metadata?.processorUrl ?? '<processor URL>';
      replace(
        result,
        h(
          'p',
          {},
          'Session ',
          h('code', { 'data-key': 'session-id' }, session.id),
          ` for cart ${session.activeCart.cartRef.id}, ${session.state} until ${session.expiryAt}.`,
        ),
        h('pre', {}, `curl -H 'x-session-id: ${session.id}' ${processor}/operations/config`),
        code(session, `session ${session.id}`),
      );
    });
  });

  mint.addEventListener('click', () => {
    act(mint, async () => {
      const minted = await api('checkout/mc-token', { method: 'POST', body: {} });
      replace(
        result,
        h(
          'p',
          {},
          `Merchant Center token for project ${minted.projectKey}, valid until ${minted.expiresAt}:`,
        ),
        h('pre', { 'data-key': 'mc-token' }, minted.token),
        h(
          'pre',
          {},
          `curl -H 'Authorization: Bearer ${minted.token}' ${minted.audience ?? '<processor URL>'}/operations/status`,
        ),
      );
    });
  });

  return {
    element: form,
    /** The active carts, as the order form lists them. */
    setCarts(options) {
      const value = cartSelect.value;
      replace(
        cartSelect,
        options.length
          ? options.map(([optionValue, label]) =>
              h('option', { value: optionValue, selected: optionValue === value }, label),
            )
          : h('option', { value: '' }, 'no active cart'),
      );
    },
  };
}
