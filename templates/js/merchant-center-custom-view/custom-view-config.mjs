/**
 * The custom view's configuration, read by mc-scripts. Values come from the environment
 * (`${env:NAME}`), which Connect fills from connect.yaml's configuration and APPLICATION_URL;
 * locally, from .env.
 *
 * @type {import('@commercetools-frontend/application-config').ConfigOptionsForCustomView}
 */
const config = {
  name: '{{name}}',
  cloudIdentifier: '${env:CLOUD_IDENTIFIER}',
  env: {
    development: {
      initialProjectKey: '${env:CTP_INITIAL_PROJECT_KEY}',
    },
    production: {
      customViewId: '${env:CUSTOM_VIEW_ID}',
      url: '${env:APPLICATION_URL}',
    },
  },
  oAuthScopes: {
    view: ['view_products'],
    manage: [],
  },
  type: 'CustomPanel',
  typeSettings: {
    size: 'LARGE',
  },
  // Where the Merchant Center offers the view: the general tab of the product details page.
  locators: ['products.product_details.general'],
};

export default config;
