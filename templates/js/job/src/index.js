/** Entry point (`npm start`): checks the configuration, then listens on PORT. */
import { createApp, ENDPOINT } from './app.js';
import { ConfigurationError, loadAppConfig } from './config.js';
import { createApiRoot } from './ctp-client.js';

let config;
try {
  config = loadAppConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const server = createApp(createApiRoot(config.commercetools)).listen(config.port, () => {
  console.log(`{{name}}: listening on port ${config.port}, job endpoint POST ${ENDPOINT}`);
});

// Cloud Run (and `connect dev`) stop the app with SIGTERM: let the running job answer.
process.on('SIGTERM', () => server.close());
