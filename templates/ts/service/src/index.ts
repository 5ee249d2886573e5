/** Entry point (`npm start`): checks the configuration, then listens on PORT. */
import { createApp, ENDPOINT } from './app.js';
import { ConfigurationError, loadAppConfig, type AppConfig } from './config.js';

let config: AppConfig;
try {
  config = loadAppConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const server = createApp(config).listen(config.port, () => {
  console.log(`{{name}}: listening on port ${config.port}, extension endpoint POST ${ENDPOINT}`);
});

// Cloud Run (and `connect dev`) stop the app with SIGTERM: finish the calls in flight.
process.on('SIGTERM', () => server.close());
