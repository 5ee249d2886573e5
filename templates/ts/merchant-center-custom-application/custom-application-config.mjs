/**
 * The custom application's configuration, read by mc-scripts. Values come from the
 * environment (`${env:NAME}`), which Connect fills from connect.yaml's configuration and
 * APPLICATION_URL; locally, from .env.
 *
 * @type {import('@commercetools-frontend/application-config').ConfigOptionsForCustomApplication}
 */
const config = {
  name: '{{name}}',
  entryPointUriPath: '${env:ENTRY_POINT_URI_PATH}',
  cloudIdentifier: '${env:CLOUD_IDENTIFIER}',
  env: {
    development: {
      initialProjectKey: '${env:CTP_INITIAL_PROJECT_KEY}',
    },
    production: {
      applicationId: '${env:CUSTOM_APPLICATION_ID}',
      url: '${env:APPLICATION_URL}',
    },
  },
  oAuthScopes: {
    view: ['view_products'],
    manage: [],
  },
  icon: '${path:@commercetools-frontend/assets/application-icons/rocket.svg}',
  mainMenuLink: {
    defaultLabel: '{{name}}',
    labelAllLocales: [],
    permissions: [],
  },
  submenuLinks: [],
};

export default config;
