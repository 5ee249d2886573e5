/**
 * The job's work, run on every scheduled call: an example that counts the orders created in
 * the last 24 hours. Replace it with yours (exports, clean-ups, syncs...). A run may take up
 * to 30 minutes on Connect.
 */
import type { ApiRoot } from './ctp-client.js';

export interface TaskResult {
  since: string;
  ordersCreated: number;
}

export async function countRecentOrders(apiRoot: ApiRoot, now: Date = new Date()): Promise<TaskResult> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const response = await apiRoot
    .orders()
    .get({ queryArgs: { where: `createdAt >= "${since}"`, limit: 1, withTotal: true } })
    .execute();
  return { since, ordersCreated: response.body.total ?? response.body.count };
}
