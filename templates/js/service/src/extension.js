/**
 * The example business rule: cart validation. It rejects carts with too many units of one
 * line item and normalises the customer's email. Pure functions, so they are easy to test.
 */

export function validateCart(input, config) {
  const cart = input.resource.obj;
  const errors = [];
  for (const lineItem of cart.lineItems ?? []) {
    if (lineItem.quantity > config.maxQuantityPerLineItem) {
      errors.push({
        code: 'InvalidInput',
        message: `At most ${config.maxQuantityPerLineItem} units of one product per order (line item ${lineItem.id} has ${lineItem.quantity}).`,
        localizedMessage: {
          en: `You can order at most ${config.maxQuantityPerLineItem} units of one product.`,
        },
        extensionExtraInfo: { lineItemId: lineItem.id, maxQuantity: config.maxQuantityPerLineItem },
      });
    }
  }
  if (errors.length > 0) return { actions: [], errors };

  const actions = [];
  if (cart.customerEmail && cart.customerEmail !== cart.customerEmail.toLowerCase()) {
    actions.push({ action: 'setCustomerEmail', email: cart.customerEmail.toLowerCase() });
  }
  return { actions, errors };
}
