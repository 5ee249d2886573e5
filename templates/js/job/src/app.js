/**
 * The HTTP app. Connect's scheduler POSTs to the endpoint on the job's `schedule` (in UTC);
 * the run succeeds when the answer is 2xx. Failures are not retried: the next run comes at
 * the next scheduled time.
 */
import express from 'express';

import { countRecentOrders } from './task.js';

/** The path Connect calls (connect.yaml `endpoint`). */
export const ENDPOINT = '{{endpoint}}';

export function createApp(apiRoot, logger = console) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.post(ENDPOINT, async (_request, response) => {
    const started = Date.now();
    try {
      const result = await countRecentOrders(apiRoot);
      logger.info(
        `Job done in ${Date.now() - started} ms: ${result.ordersCreated} order(s) since ${result.since}`,
      );
      response.status(200).json(result);
    } catch (error) {
      logger.error(`Job failed: ${error instanceof Error ? error.message : String(error)}`);
      response.status(500).json({ error: 'the job failed; see the logs' });
    }
  });
  return app;
}
