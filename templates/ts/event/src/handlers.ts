/**
 * One handler per message type. Add yours here and to the Subscription's `messages` in
 * src/connector/subscription.ts. A handler throws PermanentError for a message it can never
 * process (answered 4xx) and any other error for a temporary failure (answered 5xx, retried).
 */
import type { OrderCreatedMessage } from '@commercetools/platform-sdk';

import { PermanentError, type Notification } from './messages.js';

export type MessageHandler = (notification: Notification, logger: { info: (message: string) => void }) => Promise<void>;
export type MessageHandlers = Record<string, MessageHandler>;

export async function handleOrderCreated(
  notification: Notification,
  logger: { info: (message: string) => void },
): Promise<void> {
  const { order } = notification as unknown as OrderCreatedMessage;
  if (order === undefined || typeof order.totalPrice?.centAmount !== 'number') {
    throw new PermanentError('OrderCreated message without an order total');
  }
  const { centAmount, currencyCode, fractionDigits } = order.totalPrice;
  const total = (centAmount / 10 ** fractionDigits).toFixed(fractionDigits);
  logger.info(`Order ${order.orderNumber ?? order.id} created: ${total} ${currencyCode}, ${order.lineItems.length} line item(s)`);
}

export const defaultHandlers: MessageHandlers = {
  OrderCreated: handleOrderCreated,
};
