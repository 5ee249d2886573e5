/* eslint-disable -- generated from schemas/connect.schema.json by scripts/generate-schema-validator.js; do not edit. */
// @ts-nocheck
'use strict';
export const validate = validate20;
export default validate20;
const schema31 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'connect.yaml',
  description:
    "The commercetools Connect connector specification (connect.yaml), as the platform's specification parser 0.0.16 reads it. Validate with `connect validate`.",
  type: 'object',
  additionalProperties: false,
  required: ['deployAs'],
  properties: {
    deployAs: {
      description: 'The applications of the connector, each in the folder of the same name.',
      type: 'array',
      items: { $ref: '#/$defs/application' },
    },
    inheritAs: { $ref: '#/$defs/inheritAs' },
  },
  $defs: {
    name: {
      description:
        "The application's name: 2-256 characters of letters, digits, '_' and '-', unique within deployAs. By convention its source lives in the folder of the same name at the repository root.",
      type: 'string',
      pattern: '^[a-zA-Z0-9_-]{2,256}$',
    },
    endpoint: {
      description:
        "The path the platform calls on this application, e.g. /service. Only letters, digits, '_', '-' and '/'; no '//'. A leading '/' is customary.",
      type: 'string',
      pattern: '^[a-zA-Z0-9_/-]+$',
      not: { pattern: '//' },
    },
    nonBlankString: {
      description: 'A non-empty string that is not only whitespace.',
      type: 'string',
      pattern: '\\S',
    },
    configurationKey: {
      description:
        "The variable's name: 2-256 characters of letters, digits and '_'. The application receives the value as an environment variable of this name. PORT, K_SERVICE, K_REVISION and K_CONFIGURATION are reserved (in any letter case).",
      type: 'string',
      pattern: '^[a-zA-Z0-9_]{2,256}$',
      not: {
        pattern:
          '^([pP][oO][rR][tT]|[kK]_[sS][eE][rR][vV][iI][cC][eE]|[kK]_[rR][eE][vV][iI][sS][iI][oO][nN]|[kK]_[cC][oO][nN][fF][iI][gG][uU][rR][aA][tT][iI][oO][nN])$',
      },
    },
    standardConfigurationEntry: {
      description: 'A plain configuration value the client enters when deploying.',
      type: 'object',
      additionalProperties: false,
      required: ['key', 'description'],
      properties: {
        key: { $ref: '#/$defs/configurationKey' },
        description: {
          $ref: '#/$defs/nonBlankString',
          description: 'What the value is for; shown to the client deploying the connector.',
        },
        required: {
          type: 'boolean',
          description: 'Whether the client must provide a value (true or false).',
        },
        default: {
          $ref: '#/$defs/nonBlankString',
          description:
            'The value used when the client provides none. Always a string: quote numbers and booleans ("8080", "true").',
        },
      },
    },
    securedConfigurationEntry: {
      description: 'A secret configuration value: stored encrypted and never shown back. It has no default.',
      type: 'object',
      additionalProperties: false,
      required: ['key', 'description'],
      properties: {
        key: { $ref: '#/$defs/configurationKey' },
        description: {
          $ref: '#/$defs/nonBlankString',
          description: 'What the secret is for; shown to the client deploying the connector.',
        },
        required: {
          type: 'boolean',
          description: 'Whether the client must provide a value (true or false).',
        },
      },
    },
    configuration: {
      description:
        'The values the client enters when deploying; each reaches the application as an environment variable. A key may appear only once across standardConfiguration and securedConfiguration.',
      type: 'object',
      additionalProperties: false,
      properties: {
        standardConfiguration: {
          description: 'Plain values (visible in the deployment).',
          type: 'array',
          items: { $ref: '#/$defs/standardConfigurationEntry' },
        },
        securedConfiguration: {
          description: 'Secret values, stored encrypted. Not allowed on Merchant Center applications.',
          type: 'array',
          items: { $ref: '#/$defs/securedConfigurationEntry' },
        },
      },
    },
    scripts: {
      description: "Shell commands run in the application's folder around deployment.",
      type: 'object',
      additionalProperties: false,
      properties: {
        postDeploy: {
          $ref: '#/$defs/nonBlankString',
          description:
            'Run after the application is deployed, e.g. `npm install && npm run connector:post-deploy` (creates the API Extension or Subscription).',
        },
        preUndeploy: {
          $ref: '#/$defs/nonBlankString',
          description:
            'Run before the application is undeployed, e.g. `npm install && npm run connector:pre-undeploy` (removes what postDeploy created).',
        },
      },
    },
    healthCheck: {
      description: 'How the platform checks that the application is healthy.',
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        path: {
          $ref: '#/$defs/endpoint',
          description: 'The path answered with 2xx when healthy, e.g. /health (same rules as endpoint).',
        },
        intervalSeconds: {
          description: 'Seconds between two checks: an integer 1-20.',
          type: 'integer',
          minimum: 1,
          maximum: 20,
        },
        timeoutSeconds: {
          description: 'Seconds to wait for an answer: an integer 1-20.',
          type: 'integer',
          minimum: 1,
          maximum: 20,
        },
        unhealthyThreshold: {
          description: 'Failed checks in a row before the application counts as unhealthy: an integer 1-20.',
          type: 'integer',
          minimum: 1,
          maximum: 20,
        },
      },
    },
    retryPolicy: {
      description:
        'How undelivered messages are retried: {strategy: immediate} or {strategy: exponential-backoff, minBackoffSeconds, maxBackoffSeconds, maxAttempts?} with minBackoffSeconds <= maxBackoffSeconds.',
      type: 'object',
      required: ['strategy'],
      properties: {
        strategy: {
          description: 'immediate or exponential-backoff.',
          enum: ['immediate', 'exponential-backoff'],
        },
      },
      allOf: [
        {
          if: { required: ['strategy'], properties: { strategy: { const: 'immediate' } } },
          then: {
            additionalProperties: false,
            properties: { strategy: { description: 'Retry at once.', const: 'immediate' } },
          },
        },
        {
          if: { required: ['strategy'], properties: { strategy: { const: 'exponential-backoff' } } },
          then: {
            additionalProperties: false,
            required: ['minBackoffSeconds', 'maxBackoffSeconds'],
            properties: {
              strategy: { description: 'Retry with growing pauses.', const: 'exponential-backoff' },
              minBackoffSeconds: {
                description: 'The first pause, in seconds: an integer 1-600, at most maxBackoffSeconds.',
                type: 'integer',
                minimum: 1,
                maximum: 600,
              },
              maxBackoffSeconds: {
                description: 'The longest pause, in seconds: an integer 1-600, at least minBackoffSeconds.',
                type: 'integer',
                minimum: 1,
                maximum: 600,
              },
              maxAttempts: {
                description: 'Deliveries before the message is given up: an integer 5-100.',
                type: 'integer',
                minimum: 5,
                maximum: 100,
              },
            },
          },
        },
      ],
    },
    schedule: {
      description:
        'When the job runs (UTC): a cron expression of 5 fields (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (year last) with numbers, *, lists 1,2, ranges 1-5 and steps */5 (no names, ?, L or W); or @yearly @annually @monthly @weekly @daily @hourly @reboot; or @every <duration> such as @every 1h30m.',
      type: 'string',
      pattern: '\\S',
    },
    serviceApplication: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType', 'endpoint'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description: 'An HTTP service the platform calls as an API Extension or webhook.',
          const: 'service',
        },
        endpoint: {
          $ref: '#/$defs/endpoint',
          description:
            "The path the platform calls: the API Extension's URL ends with it, e.g. /service. Only letters, digits, '_', '-' and '/'; no '//'.",
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
        healthCheck: { $ref: '#/$defs/healthCheck' },
      },
    },
    eventApplication: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType', 'endpoint'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description: 'An HTTP application fed with messages by a Subscription (Pub/Sub push).',
          const: 'event',
        },
        endpoint: {
          $ref: '#/$defs/endpoint',
          description:
            "The path the platform calls: messages are POSTed to it, e.g. /event. Only letters, digits, '_', '-' and '/'; no '//'.",
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
        healthCheck: { $ref: '#/$defs/healthCheck' },
        retryPolicy: { $ref: '#/$defs/retryPolicy' },
      },
    },
    jobApplication: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType', 'endpoint', 'properties'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description: "An HTTP application the platform's scheduler POSTs to on a schedule.",
          const: 'job',
        },
        endpoint: {
          $ref: '#/$defs/endpoint',
          description:
            "The path the platform calls: the scheduler POSTs to it, e.g. /job. Only letters, digits, '_', '-' and '/'; no '//'.",
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
        properties: {
          description: "The job's settings.",
          type: 'object',
          additionalProperties: false,
          required: ['schedule'],
          properties: { schedule: { $ref: '#/$defs/schedule' } },
        },
      },
    },
    merchantCenterCustomApplication: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description:
            'A Merchant Center custom application. Its standardConfiguration must declare CUSTOM_APPLICATION_ID and ENTRY_POINT_URI_PATH with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
          const: 'merchant-center-custom-application',
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
      },
    },
    mcApp: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description:
            'Older name of merchant-center-custom-application. Its standardConfiguration must declare CUSTOM_APPLICATION_ID and ENTRY_POINT_URI_PATH with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
          const: 'mc-app',
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
      },
    },
    merchantCenterCustomView: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description:
            'A Merchant Center custom view. Its standardConfiguration must declare CUSTOM_VIEW_ID with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
          const: 'merchant-center-custom-view',
        },
        configuration: { $ref: '#/$defs/configuration' },
        scripts: { $ref: '#/$defs/scripts' },
      },
    },
    assetsApplication: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'applicationType'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description: 'Static files served from a CDN. Only name and applicationType are allowed.',
          const: 'assets',
        },
      },
    },
    application: {
      description: 'One application of the connector, discriminated by applicationType.',
      type: 'object',
      required: ['name', 'applicationType'],
      properties: {
        name: { $ref: '#/$defs/name' },
        applicationType: {
          description:
            'service, event, job, merchant-center-custom-application, mc-app, merchant-center-custom-view or assets.',
          enum: [
            'service',
            'event',
            'job',
            'merchant-center-custom-application',
            'mc-app',
            'merchant-center-custom-view',
            'assets',
          ],
        },
      },
      allOf: [
        {
          if: { required: ['applicationType'], properties: { applicationType: { const: 'service' } } },
          then: { $ref: '#/$defs/serviceApplication' },
        },
        {
          if: { required: ['applicationType'], properties: { applicationType: { const: 'event' } } },
          then: { $ref: '#/$defs/eventApplication' },
        },
        {
          if: { required: ['applicationType'], properties: { applicationType: { const: 'job' } } },
          then: { $ref: '#/$defs/jobApplication' },
        },
        {
          if: {
            required: ['applicationType'],
            properties: { applicationType: { const: 'merchant-center-custom-application' } },
          },
          then: { $ref: '#/$defs/merchantCenterCustomApplication' },
        },
        {
          if: { required: ['applicationType'], properties: { applicationType: { const: 'mc-app' } } },
          then: { $ref: '#/$defs/mcApp' },
        },
        {
          if: {
            required: ['applicationType'],
            properties: { applicationType: { const: 'merchant-center-custom-view' } },
          },
          then: { $ref: '#/$defs/merchantCenterCustomView' },
        },
        {
          if: { required: ['applicationType'], properties: { applicationType: { const: 'assets' } } },
          then: { $ref: '#/$defs/assetsApplication' },
        },
      ],
    },
    inheritAs: {
      description:
        'What the whole deployment shares: global configuration and the API client Connect creates.',
      type: 'object',
      additionalProperties: false,
      properties: {
        configuration: {
          $ref: '#/$defs/configuration',
          description:
            'Global configuration: values the client enters once for every application. A global key may not appear again anywhere else.',
        },
        apiClient: {
          description:
            'The API client Connect creates for the deployment; its credentials reach every application.',
          type: 'object',
          additionalProperties: false,
          required: ['scopes'],
          properties: {
            scopes: {
              description:
                "The client's OAuth scopes, e.g. manage_orders, view_products: a non-empty list of non-empty strings.",
              type: 'array',
              minItems: 1,
              items: {
                type: 'string',
                description: 'One OAuth scope, e.g. manage_orders.',
                pattern: '[\\s\\S]',
              },
            },
          },
        },
      },
    },
  },
};
const schema32 = {
  description: 'One application of the connector, discriminated by applicationType.',
  type: 'object',
  required: ['name', 'applicationType'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description:
        'service, event, job, merchant-center-custom-application, mc-app, merchant-center-custom-view or assets.',
      enum: [
        'service',
        'event',
        'job',
        'merchant-center-custom-application',
        'mc-app',
        'merchant-center-custom-view',
        'assets',
      ],
    },
  },
  allOf: [
    {
      if: { required: ['applicationType'], properties: { applicationType: { const: 'service' } } },
      then: { $ref: '#/$defs/serviceApplication' },
    },
    {
      if: { required: ['applicationType'], properties: { applicationType: { const: 'event' } } },
      then: { $ref: '#/$defs/eventApplication' },
    },
    {
      if: { required: ['applicationType'], properties: { applicationType: { const: 'job' } } },
      then: { $ref: '#/$defs/jobApplication' },
    },
    {
      if: {
        required: ['applicationType'],
        properties: { applicationType: { const: 'merchant-center-custom-application' } },
      },
      then: { $ref: '#/$defs/merchantCenterCustomApplication' },
    },
    {
      if: { required: ['applicationType'], properties: { applicationType: { const: 'mc-app' } } },
      then: { $ref: '#/$defs/mcApp' },
    },
    {
      if: {
        required: ['applicationType'],
        properties: { applicationType: { const: 'merchant-center-custom-view' } },
      },
      then: { $ref: '#/$defs/merchantCenterCustomView' },
    },
    {
      if: { required: ['applicationType'], properties: { applicationType: { const: 'assets' } } },
      then: { $ref: '#/$defs/assetsApplication' },
    },
  ],
};
const schema34 = {
  description:
    "The application's name: 2-256 characters of letters, digits, '_' and '-', unique within deployAs. By convention its source lives in the folder of the same name at the repository root.",
  type: 'string',
  pattern: '^[a-zA-Z0-9_-]{2,256}$',
};
const schema33 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType', 'endpoint'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description: 'An HTTP service the platform calls as an API Extension or webhook.',
      const: 'service',
    },
    endpoint: {
      $ref: '#/$defs/endpoint',
      description:
        "The path the platform calls: the API Extension's URL ends with it, e.g. /service. Only letters, digits, '_', '-' and '/'; no '//'.",
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
    healthCheck: { $ref: '#/$defs/healthCheck' },
  },
};
const schema35 = {
  description:
    "The path the platform calls on this application, e.g. /service. Only letters, digits, '_', '-' and '/'; no '//'. A leading '/' is customary.",
  type: 'string',
  pattern: '^[a-zA-Z0-9_/-]+$',
  not: { pattern: '//' },
};
const pattern4 = new RegExp('^[a-zA-Z0-9_-]{2,256}$', 'u');
const pattern5 = new RegExp('//', 'u');
const pattern6 = new RegExp('^[a-zA-Z0-9_/-]+$', 'u');
const schema36 = {
  description:
    'The values the client enters when deploying; each reaches the application as an environment variable. A key may appear only once across standardConfiguration and securedConfiguration.',
  type: 'object',
  additionalProperties: false,
  properties: {
    standardConfiguration: {
      description: 'Plain values (visible in the deployment).',
      type: 'array',
      items: { $ref: '#/$defs/standardConfigurationEntry' },
    },
    securedConfiguration: {
      description: 'Secret values, stored encrypted. Not allowed on Merchant Center applications.',
      type: 'array',
      items: { $ref: '#/$defs/securedConfigurationEntry' },
    },
  },
};
const schema37 = {
  description: 'A plain configuration value the client enters when deploying.',
  type: 'object',
  additionalProperties: false,
  required: ['key', 'description'],
  properties: {
    key: { $ref: '#/$defs/configurationKey' },
    description: {
      $ref: '#/$defs/nonBlankString',
      description: 'What the value is for; shown to the client deploying the connector.',
    },
    required: { type: 'boolean', description: 'Whether the client must provide a value (true or false).' },
    default: {
      $ref: '#/$defs/nonBlankString',
      description:
        'The value used when the client provides none. Always a string: quote numbers and booleans ("8080", "true").',
    },
  },
};
const schema38 = {
  description:
    "The variable's name: 2-256 characters of letters, digits and '_'. The application receives the value as an environment variable of this name. PORT, K_SERVICE, K_REVISION and K_CONFIGURATION are reserved (in any letter case).",
  type: 'string',
  pattern: '^[a-zA-Z0-9_]{2,256}$',
  not: {
    pattern:
      '^([pP][oO][rR][tT]|[kK]_[sS][eE][rR][vV][iI][cC][eE]|[kK]_[rR][eE][vV][iI][sS][iI][oO][nN]|[kK]_[cC][oO][nN][fF][iI][gG][uU][rR][aA][tT][iI][oO][nN])$',
  },
};
const schema39 = {
  description: 'A non-empty string that is not only whitespace.',
  type: 'string',
  pattern: '\\S',
};
const pattern7 = new RegExp(
  '^([pP][oO][rR][tT]|[kK]_[sS][eE][rR][vV][iI][cC][eE]|[kK]_[rR][eE][vV][iI][sS][iI][oO][nN]|[kK]_[cC][oO][nN][fF][iI][gG][uU][rR][aA][tT][iI][oO][nN])$',
  'u',
);
const pattern8 = new RegExp('^[a-zA-Z0-9_]{2,256}$', 'u');
const pattern9 = new RegExp('\\S', 'u');

function validate24(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate24.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.key === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'key' },
        message: "must have required property '" + 'key' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.description === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'description' },
        message: "must have required property '" + 'description' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'key' || key0 === 'description' || key0 === 'required' || key0 === 'default')) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.key !== undefined) {
      let data0 = data.key;
      const _errs5 = errors;
      const _errs6 = errors;
      if (typeof data0 === 'string') {
        if (!pattern7.test(data0)) {
          const err3 = {};
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      }
      var valid2 = _errs6 === errors;
      if (valid2) {
        const err4 = {
          instancePath: instancePath + '/key',
          schemaPath: '#/$defs/configurationKey/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data0 === 'string') {
        if (!pattern8.test(data0)) {
          const err5 = {
            instancePath: instancePath + '/key',
            schemaPath: '#/$defs/configurationKey/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/key',
          schemaPath: '#/$defs/configurationKey/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data1 = data.description;
      if (typeof data1 === 'string') {
        if (!pattern9.test(data1)) {
          const err7 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/$defs/nonBlankString/pattern',
            keyword: 'pattern',
            params: { pattern: '\\S' },
            message: 'must match pattern "' + '\\S' + '"',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/description',
          schemaPath: '#/$defs/nonBlankString/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.required !== undefined) {
      if (typeof data.required !== 'boolean') {
        const err9 = {
          instancePath: instancePath + '/required',
          schemaPath: '#/properties/required/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.default !== undefined) {
      let data3 = data.default;
      if (typeof data3 === 'string') {
        if (!pattern9.test(data3)) {
          const err10 = {
            instancePath: instancePath + '/default',
            schemaPath: '#/$defs/nonBlankString/pattern',
            keyword: 'pattern',
            params: { pattern: '\\S' },
            message: 'must match pattern "' + '\\S' + '"',
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = {
          instancePath: instancePath + '/default',
          schemaPath: '#/$defs/nonBlankString/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
  } else {
    const err12 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err12];
    } else {
      vErrors.push(err12);
    }
    errors++;
  }
  validate24.errors = vErrors;
  return errors === 0;
}
validate24.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema41 = {
  description: 'A secret configuration value: stored encrypted and never shown back. It has no default.',
  type: 'object',
  additionalProperties: false,
  required: ['key', 'description'],
  properties: {
    key: { $ref: '#/$defs/configurationKey' },
    description: {
      $ref: '#/$defs/nonBlankString',
      description: 'What the secret is for; shown to the client deploying the connector.',
    },
    required: { type: 'boolean', description: 'Whether the client must provide a value (true or false).' },
  },
};

function validate26(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate26.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.key === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'key' },
        message: "must have required property '" + 'key' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.description === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'description' },
        message: "must have required property '" + 'description' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'key' || key0 === 'description' || key0 === 'required')) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.key !== undefined) {
      let data0 = data.key;
      const _errs5 = errors;
      const _errs6 = errors;
      if (typeof data0 === 'string') {
        if (!pattern7.test(data0)) {
          const err3 = {};
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      }
      var valid2 = _errs6 === errors;
      if (valid2) {
        const err4 = {
          instancePath: instancePath + '/key',
          schemaPath: '#/$defs/configurationKey/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data0 === 'string') {
        if (!pattern8.test(data0)) {
          const err5 = {
            instancePath: instancePath + '/key',
            schemaPath: '#/$defs/configurationKey/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/key',
          schemaPath: '#/$defs/configurationKey/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data1 = data.description;
      if (typeof data1 === 'string') {
        if (!pattern9.test(data1)) {
          const err7 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/$defs/nonBlankString/pattern',
            keyword: 'pattern',
            params: { pattern: '\\S' },
            message: 'must match pattern "' + '\\S' + '"',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/description',
          schemaPath: '#/$defs/nonBlankString/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.required !== undefined) {
      if (typeof data.required !== 'boolean') {
        const err9 = {
          instancePath: instancePath + '/required',
          schemaPath: '#/properties/required/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  } else {
    const err10 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate26.errors = vErrors;
  return errors === 0;
}
validate26.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate23(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === 'standardConfiguration' || key0 === 'securedConfiguration')) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.standardConfiguration !== undefined) {
      let data0 = data.standardConfiguration;
      if (Array.isArray(data0)) {
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate24(data0[i0], {
              instancePath: instancePath + '/standardConfiguration/' + i0,
              parentData: data0,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err1 = {
          instancePath: instancePath + '/standardConfiguration',
          schemaPath: '#/properties/standardConfiguration/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.securedConfiguration !== undefined) {
      let data2 = data.securedConfiguration;
      if (Array.isArray(data2)) {
        const len1 = data2.length;
        for (let i1 = 0; i1 < len1; i1++) {
          if (
            !validate26(data2[i1], {
              instancePath: instancePath + '/securedConfiguration/' + i1,
              parentData: data2,
              parentDataProperty: i1,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/securedConfiguration',
          schemaPath: '#/properties/securedConfiguration/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
  } else {
    const err3 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema44 = {
  description: "Shell commands run in the application's folder around deployment.",
  type: 'object',
  additionalProperties: false,
  properties: {
    postDeploy: {
      $ref: '#/$defs/nonBlankString',
      description:
        'Run after the application is deployed, e.g. `npm install && npm run connector:post-deploy` (creates the API Extension or Subscription).',
    },
    preUndeploy: {
      $ref: '#/$defs/nonBlankString',
      description:
        'Run before the application is undeployed, e.g. `npm install && npm run connector:pre-undeploy` (removes what postDeploy created).',
    },
  },
};

function validate29(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate29.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === 'postDeploy' || key0 === 'preUndeploy')) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.postDeploy !== undefined) {
      let data0 = data.postDeploy;
      if (typeof data0 === 'string') {
        if (!pattern9.test(data0)) {
          const err1 = {
            instancePath: instancePath + '/postDeploy',
            schemaPath: '#/$defs/nonBlankString/pattern',
            keyword: 'pattern',
            params: { pattern: '\\S' },
            message: 'must match pattern "' + '\\S' + '"',
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/postDeploy',
          schemaPath: '#/$defs/nonBlankString/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.preUndeploy !== undefined) {
      let data1 = data.preUndeploy;
      if (typeof data1 === 'string') {
        if (!pattern9.test(data1)) {
          const err3 = {
            instancePath: instancePath + '/preUndeploy',
            schemaPath: '#/$defs/nonBlankString/pattern',
            keyword: 'pattern',
            params: { pattern: '\\S' },
            message: 'must match pattern "' + '\\S' + '"',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/preUndeploy',
          schemaPath: '#/$defs/nonBlankString/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
  } else {
    const err5 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err5];
    } else {
      vErrors.push(err5);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
validate29.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema47 = {
  description: 'How the platform checks that the application is healthy.',
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: {
      $ref: '#/$defs/endpoint',
      description: 'The path answered with 2xx when healthy, e.g. /health (same rules as endpoint).',
    },
    intervalSeconds: {
      description: 'Seconds between two checks: an integer 1-20.',
      type: 'integer',
      minimum: 1,
      maximum: 20,
    },
    timeoutSeconds: {
      description: 'Seconds to wait for an answer: an integer 1-20.',
      type: 'integer',
      minimum: 1,
      maximum: 20,
    },
    unhealthyThreshold: {
      description: 'Failed checks in a row before the application counts as unhealthy: an integer 1-20.',
      type: 'integer',
      minimum: 1,
      maximum: 20,
    },
  },
};

function validate31(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate31.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.path === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'path' },
        message: "must have required property '" + 'path' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'path' ||
        key0 === 'intervalSeconds' ||
        key0 === 'timeoutSeconds' ||
        key0 === 'unhealthyThreshold'
      )) {
        const err1 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.path !== undefined) {
      let data0 = data.path;
      const _errs5 = errors;
      const _errs6 = errors;
      if (typeof data0 === 'string') {
        if (!pattern5.test(data0)) {
          const err2 = {};
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      }
      var valid2 = _errs6 === errors;
      if (valid2) {
        const err3 = {
          instancePath: instancePath + '/path',
          schemaPath: '#/$defs/endpoint/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data0 === 'string') {
        if (!pattern6.test(data0)) {
          const err4 = {
            instancePath: instancePath + '/path',
            schemaPath: '#/$defs/endpoint/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_/-]+$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_/-]+$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/path',
          schemaPath: '#/$defs/endpoint/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.intervalSeconds !== undefined) {
      let data1 = data.intervalSeconds;
      if (!(typeof data1 == 'number' && !(data1 % 1) && !isNaN(data1) && isFinite(data1))) {
        const err6 = {
          instancePath: instancePath + '/intervalSeconds',
          schemaPath: '#/properties/intervalSeconds/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      if (typeof data1 == 'number' && isFinite(data1)) {
        if (data1 > 20 || isNaN(data1)) {
          const err7 = {
            instancePath: instancePath + '/intervalSeconds',
            schemaPath: '#/properties/intervalSeconds/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 20 },
            message: 'must be <= 20',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
        if (data1 < 1 || isNaN(data1)) {
          const err8 = {
            instancePath: instancePath + '/intervalSeconds',
            schemaPath: '#/properties/intervalSeconds/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      }
    }
    if (data.timeoutSeconds !== undefined) {
      let data2 = data.timeoutSeconds;
      if (!(typeof data2 == 'number' && !(data2 % 1) && !isNaN(data2) && isFinite(data2))) {
        const err9 = {
          instancePath: instancePath + '/timeoutSeconds',
          schemaPath: '#/properties/timeoutSeconds/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      if (typeof data2 == 'number' && isFinite(data2)) {
        if (data2 > 20 || isNaN(data2)) {
          const err10 = {
            instancePath: instancePath + '/timeoutSeconds',
            schemaPath: '#/properties/timeoutSeconds/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 20 },
            message: 'must be <= 20',
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
        if (data2 < 1 || isNaN(data2)) {
          const err11 = {
            instancePath: instancePath + '/timeoutSeconds',
            schemaPath: '#/properties/timeoutSeconds/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      }
    }
    if (data.unhealthyThreshold !== undefined) {
      let data3 = data.unhealthyThreshold;
      if (!(typeof data3 == 'number' && !(data3 % 1) && !isNaN(data3) && isFinite(data3))) {
        const err12 = {
          instancePath: instancePath + '/unhealthyThreshold',
          schemaPath: '#/properties/unhealthyThreshold/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (typeof data3 == 'number' && isFinite(data3)) {
        if (data3 > 20 || isNaN(data3)) {
          const err13 = {
            instancePath: instancePath + '/unhealthyThreshold',
            schemaPath: '#/properties/unhealthyThreshold/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 20 },
            message: 'must be <= 20',
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
        if (data3 < 1 || isNaN(data3)) {
          const err14 = {
            instancePath: instancePath + '/unhealthyThreshold',
            schemaPath: '#/properties/unhealthyThreshold/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      }
    }
  } else {
    const err15 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  }
  validate31.errors = vErrors;
  return errors === 0;
}
validate31.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate22(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate22.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.endpoint === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'endpoint' },
        message: "must have required property '" + 'endpoint' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'endpoint' ||
        key0 === 'configuration' ||
        key0 === 'scripts' ||
        key0 === 'healthCheck'
      )) {
        const err3 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err4 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('service' !== data.applicationType) {
        const err6 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'service' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.endpoint !== undefined) {
      let data2 = data.endpoint;
      const _errs9 = errors;
      const _errs10 = errors;
      if (typeof data2 === 'string') {
        if (!pattern5.test(data2)) {
          const err7 = {};
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
      var valid3 = _errs10 === errors;
      if (valid3) {
        const err8 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      } else {
        errors = _errs9;
        if (vErrors !== null) {
          if (_errs9) {
            vErrors.length = _errs9;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === 'string') {
        if (!pattern6.test(data2)) {
          const err9 = {
            instancePath: instancePath + '/endpoint',
            schemaPath: '#/$defs/endpoint/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_/-]+$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_/-]+$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
    if (data.healthCheck !== undefined) {
      if (
        !validate31(data.healthCheck, {
          instancePath: instancePath + '/healthCheck',
          parentData: data,
          parentDataProperty: 'healthCheck',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err11 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
validate22.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema49 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType', 'endpoint'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description: 'An HTTP application fed with messages by a Subscription (Pub/Sub push).',
      const: 'event',
    },
    endpoint: {
      $ref: '#/$defs/endpoint',
      description:
        "The path the platform calls: messages are POSTed to it, e.g. /event. Only letters, digits, '_', '-' and '/'; no '//'.",
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
    healthCheck: { $ref: '#/$defs/healthCheck' },
    retryPolicy: { $ref: '#/$defs/retryPolicy' },
  },
};
const schema52 = {
  description:
    'How undelivered messages are retried: {strategy: immediate} or {strategy: exponential-backoff, minBackoffSeconds, maxBackoffSeconds, maxAttempts?} with minBackoffSeconds <= maxBackoffSeconds.',
  type: 'object',
  required: ['strategy'],
  properties: {
    strategy: {
      description: 'immediate or exponential-backoff.',
      enum: ['immediate', 'exponential-backoff'],
    },
  },
  allOf: [
    {
      if: { required: ['strategy'], properties: { strategy: { const: 'immediate' } } },
      then: {
        additionalProperties: false,
        properties: { strategy: { description: 'Retry at once.', const: 'immediate' } },
      },
    },
    {
      if: { required: ['strategy'], properties: { strategy: { const: 'exponential-backoff' } } },
      then: {
        additionalProperties: false,
        required: ['minBackoffSeconds', 'maxBackoffSeconds'],
        properties: {
          strategy: { description: 'Retry with growing pauses.', const: 'exponential-backoff' },
          minBackoffSeconds: {
            description: 'The first pause, in seconds: an integer 1-600, at most maxBackoffSeconds.',
            type: 'integer',
            minimum: 1,
            maximum: 600,
          },
          maxBackoffSeconds: {
            description: 'The longest pause, in seconds: an integer 1-600, at least minBackoffSeconds.',
            type: 'integer',
            minimum: 1,
            maximum: 600,
          },
          maxAttempts: {
            description: 'Deliveries before the message is given up: an integer 5-100.',
            type: 'integer',
            minimum: 5,
            maximum: 100,
          },
        },
      },
    },
  ],
};

function validate34(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate34.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.endpoint === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'endpoint' },
        message: "must have required property '" + 'endpoint' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'endpoint' ||
        key0 === 'configuration' ||
        key0 === 'scripts' ||
        key0 === 'healthCheck' ||
        key0 === 'retryPolicy'
      )) {
        const err3 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err4 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('event' !== data.applicationType) {
        const err6 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'event' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.endpoint !== undefined) {
      let data2 = data.endpoint;
      const _errs9 = errors;
      const _errs10 = errors;
      if (typeof data2 === 'string') {
        if (!pattern5.test(data2)) {
          const err7 = {};
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
      var valid3 = _errs10 === errors;
      if (valid3) {
        const err8 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      } else {
        errors = _errs9;
        if (vErrors !== null) {
          if (_errs9) {
            vErrors.length = _errs9;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === 'string') {
        if (!pattern6.test(data2)) {
          const err9 = {
            instancePath: instancePath + '/endpoint',
            schemaPath: '#/$defs/endpoint/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_/-]+$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_/-]+$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
    if (data.healthCheck !== undefined) {
      if (
        !validate31(data.healthCheck, {
          instancePath: instancePath + '/healthCheck',
          parentData: data,
          parentDataProperty: 'healthCheck',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
        errors = vErrors.length;
      }
    }
    if (data.retryPolicy !== undefined) {
      let data6 = data.retryPolicy;
      const _errs18 = errors;
      let valid6 = true;
      const _errs19 = errors;
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        let missing0;
        if (data6.strategy === undefined && (missing0 = 'strategy')) {
          const err11 = {};
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        } else {
          if (data6.strategy !== undefined) {
            if ('immediate' !== data6.strategy) {
              const err12 = {};
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
          }
        }
      }
      var _valid0 = _errs19 === errors;
      errors = _errs18;
      if (vErrors !== null) {
        if (_errs18) {
          vErrors.length = _errs18;
        } else {
          vErrors = null;
        }
      }
      if (_valid0) {
        const _errs21 = errors;
        if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
          for (const key1 in data6) {
            if (!(key1 === 'strategy')) {
              const err13 = {
                instancePath: instancePath + '/retryPolicy',
                schemaPath: '#/$defs/retryPolicy/allOf/0/then/additionalProperties',
                keyword: 'additionalProperties',
                params: { additionalProperty: key1 },
                message: 'must NOT have additional properties',
              };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          }
          if (data6.strategy !== undefined) {
            if ('immediate' !== data6.strategy) {
              const err14 = {
                instancePath: instancePath + '/retryPolicy/strategy',
                schemaPath: '#/$defs/retryPolicy/allOf/0/then/properties/strategy/const',
                keyword: 'const',
                params: { allowedValue: 'immediate' },
                message: 'must be equal to constant',
              };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          }
        }
        var _valid0 = _errs21 === errors;
        valid6 = _valid0;
        if (valid6) {
          var props0 = true;
        }
      }
      if (!valid6) {
        const err15 = {
          instancePath: instancePath + '/retryPolicy',
          schemaPath: '#/$defs/retryPolicy/allOf/0/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      const _errs25 = errors;
      let valid9 = true;
      const _errs26 = errors;
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        let missing1;
        if (data6.strategy === undefined && (missing1 = 'strategy')) {
          const err16 = {};
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        } else {
          if (data6.strategy !== undefined) {
            if ('exponential-backoff' !== data6.strategy) {
              const err17 = {};
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
            }
          }
        }
      }
      var _valid1 = _errs26 === errors;
      errors = _errs25;
      if (vErrors !== null) {
        if (_errs25) {
          vErrors.length = _errs25;
        } else {
          vErrors = null;
        }
      }
      if (_valid1) {
        const _errs28 = errors;
        if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
          if (data6.minBackoffSeconds === undefined) {
            const err18 = {
              instancePath: instancePath + '/retryPolicy',
              schemaPath: '#/$defs/retryPolicy/allOf/1/then/required',
              keyword: 'required',
              params: { missingProperty: 'minBackoffSeconds' },
              message: "must have required property '" + 'minBackoffSeconds' + "'",
            };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
          if (data6.maxBackoffSeconds === undefined) {
            const err19 = {
              instancePath: instancePath + '/retryPolicy',
              schemaPath: '#/$defs/retryPolicy/allOf/1/then/required',
              keyword: 'required',
              params: { missingProperty: 'maxBackoffSeconds' },
              message: "must have required property '" + 'maxBackoffSeconds' + "'",
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
          for (const key2 in data6) {
            if (!(
              key2 === 'strategy' ||
              key2 === 'minBackoffSeconds' ||
              key2 === 'maxBackoffSeconds' ||
              key2 === 'maxAttempts'
            )) {
              const err20 = {
                instancePath: instancePath + '/retryPolicy',
                schemaPath: '#/$defs/retryPolicy/allOf/1/then/additionalProperties',
                keyword: 'additionalProperties',
                params: { additionalProperty: key2 },
                message: 'must NOT have additional properties',
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          }
          if (data6.strategy !== undefined) {
            if ('exponential-backoff' !== data6.strategy) {
              const err21 = {
                instancePath: instancePath + '/retryPolicy/strategy',
                schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/strategy/const',
                keyword: 'const',
                params: { allowedValue: 'exponential-backoff' },
                message: 'must be equal to constant',
              };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
          }
          if (data6.minBackoffSeconds !== undefined) {
            let data11 = data6.minBackoffSeconds;
            if (!(typeof data11 == 'number' && !(data11 % 1) && !isNaN(data11) && isFinite(data11))) {
              const err22 = {
                instancePath: instancePath + '/retryPolicy/minBackoffSeconds',
                schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/minBackoffSeconds/type',
                keyword: 'type',
                params: { type: 'integer' },
                message: 'must be integer',
              };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
            if (typeof data11 == 'number' && isFinite(data11)) {
              if (data11 > 600 || isNaN(data11)) {
                const err23 = {
                  instancePath: instancePath + '/retryPolicy/minBackoffSeconds',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/minBackoffSeconds/maximum',
                  keyword: 'maximum',
                  params: { comparison: '<=', limit: 600 },
                  message: 'must be <= 600',
                };
                if (vErrors === null) {
                  vErrors = [err23];
                } else {
                  vErrors.push(err23);
                }
                errors++;
              }
              if (data11 < 1 || isNaN(data11)) {
                const err24 = {
                  instancePath: instancePath + '/retryPolicy/minBackoffSeconds',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/minBackoffSeconds/minimum',
                  keyword: 'minimum',
                  params: { comparison: '>=', limit: 1 },
                  message: 'must be >= 1',
                };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
          }
          if (data6.maxBackoffSeconds !== undefined) {
            let data12 = data6.maxBackoffSeconds;
            if (!(typeof data12 == 'number' && !(data12 % 1) && !isNaN(data12) && isFinite(data12))) {
              const err25 = {
                instancePath: instancePath + '/retryPolicy/maxBackoffSeconds',
                schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxBackoffSeconds/type',
                keyword: 'type',
                params: { type: 'integer' },
                message: 'must be integer',
              };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
            if (typeof data12 == 'number' && isFinite(data12)) {
              if (data12 > 600 || isNaN(data12)) {
                const err26 = {
                  instancePath: instancePath + '/retryPolicy/maxBackoffSeconds',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxBackoffSeconds/maximum',
                  keyword: 'maximum',
                  params: { comparison: '<=', limit: 600 },
                  message: 'must be <= 600',
                };
                if (vErrors === null) {
                  vErrors = [err26];
                } else {
                  vErrors.push(err26);
                }
                errors++;
              }
              if (data12 < 1 || isNaN(data12)) {
                const err27 = {
                  instancePath: instancePath + '/retryPolicy/maxBackoffSeconds',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxBackoffSeconds/minimum',
                  keyword: 'minimum',
                  params: { comparison: '>=', limit: 1 },
                  message: 'must be >= 1',
                };
                if (vErrors === null) {
                  vErrors = [err27];
                } else {
                  vErrors.push(err27);
                }
                errors++;
              }
            }
          }
          if (data6.maxAttempts !== undefined) {
            let data13 = data6.maxAttempts;
            if (!(typeof data13 == 'number' && !(data13 % 1) && !isNaN(data13) && isFinite(data13))) {
              const err28 = {
                instancePath: instancePath + '/retryPolicy/maxAttempts',
                schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxAttempts/type',
                keyword: 'type',
                params: { type: 'integer' },
                message: 'must be integer',
              };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
            if (typeof data13 == 'number' && isFinite(data13)) {
              if (data13 > 100 || isNaN(data13)) {
                const err29 = {
                  instancePath: instancePath + '/retryPolicy/maxAttempts',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxAttempts/maximum',
                  keyword: 'maximum',
                  params: { comparison: '<=', limit: 100 },
                  message: 'must be <= 100',
                };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
              if (data13 < 5 || isNaN(data13)) {
                const err30 = {
                  instancePath: instancePath + '/retryPolicy/maxAttempts',
                  schemaPath: '#/$defs/retryPolicy/allOf/1/then/properties/maxAttempts/minimum',
                  keyword: 'minimum',
                  params: { comparison: '>=', limit: 5 },
                  message: 'must be >= 5',
                };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
          }
        }
        var _valid1 = _errs28 === errors;
        valid9 = _valid1;
        if (valid9) {
          var props1 = true;
        }
      }
      if (!valid9) {
        const err31 = {
          instancePath: instancePath + '/retryPolicy',
          schemaPath: '#/$defs/retryPolicy/allOf/1/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
      if (props0 !== true && props1 !== undefined) {
        if (props1 === true) {
          props0 = true;
        } else {
          props0 = props0 || {};
          Object.assign(props0, props1);
        }
      }
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        if (data6.strategy === undefined) {
          const err32 = {
            instancePath: instancePath + '/retryPolicy',
            schemaPath: '#/$defs/retryPolicy/required',
            keyword: 'required',
            params: { missingProperty: 'strategy' },
            message: "must have required property '" + 'strategy' + "'",
          };
          if (vErrors === null) {
            vErrors = [err32];
          } else {
            vErrors.push(err32);
          }
          errors++;
        }
        if (props0 !== true) {
          props0 = props0 || {};
          props0.strategy = true;
        }
        if (data6.strategy !== undefined) {
          let data14 = data6.strategy;
          if (!(data14 === 'immediate' || data14 === 'exponential-backoff')) {
            const err33 = {
              instancePath: instancePath + '/retryPolicy/strategy',
              schemaPath: '#/$defs/retryPolicy/properties/strategy/enum',
              keyword: 'enum',
              params: { allowedValues: schema52.properties.strategy.enum },
              message: 'must be equal to one of the allowed values',
            };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
      } else {
        const err34 = {
          instancePath: instancePath + '/retryPolicy',
          schemaPath: '#/$defs/retryPolicy/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
    }
  } else {
    const err35 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err35];
    } else {
      vErrors.push(err35);
    }
    errors++;
  }
  validate34.errors = vErrors;
  return errors === 0;
}
validate34.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema53 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType', 'endpoint', 'properties'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description: "An HTTP application the platform's scheduler POSTs to on a schedule.",
      const: 'job',
    },
    endpoint: {
      $ref: '#/$defs/endpoint',
      description:
        "The path the platform calls: the scheduler POSTs to it, e.g. /job. Only letters, digits, '_', '-' and '/'; no '//'.",
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
    properties: {
      description: "The job's settings.",
      type: 'object',
      additionalProperties: false,
      required: ['schedule'],
      properties: { schedule: { $ref: '#/$defs/schedule' } },
    },
  },
};
const schema56 = {
  description:
    'When the job runs (UTC): a cron expression of 5 fields (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (year last) with numbers, *, lists 1,2, ranges 1-5 and steps */5 (no names, ?, L or W); or @yearly @annually @monthly @weekly @daily @hourly @reboot; or @every <duration> such as @every 1h30m.',
  type: 'string',
  pattern: '\\S',
};

function validate39(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate39.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.endpoint === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'endpoint' },
        message: "must have required property '" + 'endpoint' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.properties === undefined) {
      const err3 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'properties' },
        message: "must have required property '" + 'properties' + "'",
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'endpoint' ||
        key0 === 'configuration' ||
        key0 === 'scripts' ||
        key0 === 'properties'
      )) {
        const err4 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err5 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('job' !== data.applicationType) {
        const err7 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'job' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.endpoint !== undefined) {
      let data2 = data.endpoint;
      const _errs9 = errors;
      const _errs10 = errors;
      if (typeof data2 === 'string') {
        if (!pattern5.test(data2)) {
          const err8 = {};
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      }
      var valid3 = _errs10 === errors;
      if (valid3) {
        const err9 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/not',
          keyword: 'not',
          params: {},
          message: 'must NOT be valid',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      } else {
        errors = _errs9;
        if (vErrors !== null) {
          if (_errs9) {
            vErrors.length = _errs9;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === 'string') {
        if (!pattern6.test(data2)) {
          const err10 = {
            instancePath: instancePath + '/endpoint',
            schemaPath: '#/$defs/endpoint/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_/-]+$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_/-]+$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/endpoint/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
    if (data.properties !== undefined) {
      let data5 = data.properties;
      if (data5 && typeof data5 == 'object' && !Array.isArray(data5)) {
        if (data5.schedule === undefined) {
          const err12 = {
            instancePath: instancePath + '/properties',
            schemaPath: '#/properties/properties/required',
            keyword: 'required',
            params: { missingProperty: 'schedule' },
            message: "must have required property '" + 'schedule' + "'",
          };
          if (vErrors === null) {
            vErrors = [err12];
          } else {
            vErrors.push(err12);
          }
          errors++;
        }
        for (const key1 in data5) {
          if (!(key1 === 'schedule')) {
            const err13 = {
              instancePath: instancePath + '/properties',
              schemaPath: '#/properties/properties/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data5.schedule !== undefined) {
          let data6 = data5.schedule;
          if (typeof data6 === 'string') {
            if (!pattern9.test(data6)) {
              const err14 = {
                instancePath: instancePath + '/properties/schedule',
                schemaPath: '#/$defs/schedule/pattern',
                keyword: 'pattern',
                params: { pattern: '\\S' },
                message: 'must match pattern "' + '\\S' + '"',
              };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = {
              instancePath: instancePath + '/properties/schedule',
              schemaPath: '#/$defs/schedule/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
      } else {
        const err16 = {
          instancePath: instancePath + '/properties',
          schemaPath: '#/properties/properties/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
  } else {
    const err17 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err17];
    } else {
      vErrors.push(err17);
    }
    errors++;
  }
  validate39.errors = vErrors;
  return errors === 0;
}
validate39.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema57 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description:
        'A Merchant Center custom application. Its standardConfiguration must declare CUSTOM_APPLICATION_ID and ENTRY_POINT_URI_PATH with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
      const: 'merchant-center-custom-application',
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
  },
};

function validate43(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate43.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'configuration' ||
        key0 === 'scripts'
      )) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('merchant-center-custom-application' !== data.applicationType) {
        const err5 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'merchant-center-custom-application' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err6 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate43.errors = vErrors;
  return errors === 0;
}
validate43.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema59 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description:
        'Older name of merchant-center-custom-application. Its standardConfiguration must declare CUSTOM_APPLICATION_ID and ENTRY_POINT_URI_PATH with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
      const: 'mc-app',
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
  },
};

function validate47(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate47.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'configuration' ||
        key0 === 'scripts'
      )) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('mc-app' !== data.applicationType) {
        const err5 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'mc-app' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err6 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate47.errors = vErrors;
  return errors === 0;
}
validate47.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema61 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description:
        'A Merchant Center custom view. Its standardConfiguration must declare CUSTOM_VIEW_ID with required: true. Needs CLOUD_IDENTIFIER (required, or with a default, here or required in inheritAs) and no securedConfiguration.',
      const: 'merchant-center-custom-view',
    },
    configuration: { $ref: '#/$defs/configuration' },
    scripts: { $ref: '#/$defs/scripts' },
  },
};

function validate51(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate51.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'applicationType' ||
        key0 === 'configuration' ||
        key0 === 'scripts'
      )) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('merchant-center-custom-view' !== data.applicationType) {
        const err5 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'merchant-center-custom-view' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.scripts !== undefined) {
      if (
        !validate29(data.scripts, {
          instancePath: instancePath + '/scripts',
          parentData: data,
          parentDataProperty: 'scripts',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err6 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate51.errors = vErrors;
  return errors === 0;
}
validate51.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

const schema63 = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'applicationType'],
  properties: {
    name: { $ref: '#/$defs/name' },
    applicationType: {
      description: 'Static files served from a CDN. Only name and applicationType are allowed.',
      const: 'assets',
    },
  },
};

function validate55(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate55.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'name' || key0 === 'applicationType')) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      if ('assets' !== data.applicationType) {
        const err5 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/const',
          keyword: 'const',
          params: { allowedValue: 'assets' },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
  } else {
    const err6 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate55.errors = vErrors;
  return errors === 0;
}
validate55.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate21(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing0;
    if (data.applicationType === undefined && (missing0 = 'applicationType')) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('service' !== data.applicationType) {
          const err1 = {};
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      }
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs5 = errors;
    if (!validate22(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
      errors = vErrors.length;
    }
    var _valid0 = _errs5 === errors;
    valid1 = _valid0;
    if (valid1) {
      var props0 = true;
    }
  }
  if (!valid1) {
    const err2 = {
      instancePath,
      schemaPath: '#/allOf/0/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  const _errs7 = errors;
  let valid3 = true;
  const _errs8 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing1;
    if (data.applicationType === undefined && (missing1 = 'applicationType')) {
      const err3 = {};
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('event' !== data.applicationType) {
          const err4 = {};
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      }
    }
  }
  var _valid1 = _errs8 === errors;
  errors = _errs7;
  if (vErrors !== null) {
    if (_errs7) {
      vErrors.length = _errs7;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs10 = errors;
    if (!validate34(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    var _valid1 = _errs10 === errors;
    valid3 = _valid1;
    if (valid3) {
      var props1 = true;
    }
  }
  if (!valid3) {
    const err5 = {
      instancePath,
      schemaPath: '#/allOf/1/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err5];
    } else {
      vErrors.push(err5);
    }
    errors++;
  }
  if (props0 !== true && props1 !== undefined) {
    if (props1 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props1);
    }
  }
  const _errs12 = errors;
  let valid5 = true;
  const _errs13 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing2;
    if (data.applicationType === undefined && (missing2 = 'applicationType')) {
      const err6 = {};
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('job' !== data.applicationType) {
          const err7 = {};
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
    }
  }
  var _valid2 = _errs13 === errors;
  errors = _errs12;
  if (vErrors !== null) {
    if (_errs12) {
      vErrors.length = _errs12;
    } else {
      vErrors = null;
    }
  }
  if (_valid2) {
    const _errs15 = errors;
    if (!validate39(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
    var _valid2 = _errs15 === errors;
    valid5 = _valid2;
    if (valid5) {
      var props2 = true;
    }
  }
  if (!valid5) {
    const err8 = {
      instancePath,
      schemaPath: '#/allOf/2/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err8];
    } else {
      vErrors.push(err8);
    }
    errors++;
  }
  if (props0 !== true && props2 !== undefined) {
    if (props2 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props2);
    }
  }
  const _errs17 = errors;
  let valid7 = true;
  const _errs18 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing3;
    if (data.applicationType === undefined && (missing3 = 'applicationType')) {
      const err9 = {};
      if (vErrors === null) {
        vErrors = [err9];
      } else {
        vErrors.push(err9);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('merchant-center-custom-application' !== data.applicationType) {
          const err10 = {};
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      }
    }
  }
  var _valid3 = _errs18 === errors;
  errors = _errs17;
  if (vErrors !== null) {
    if (_errs17) {
      vErrors.length = _errs17;
    } else {
      vErrors = null;
    }
  }
  if (_valid3) {
    const _errs20 = errors;
    if (!validate43(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
      errors = vErrors.length;
    }
    var _valid3 = _errs20 === errors;
    valid7 = _valid3;
    if (valid7) {
      var props3 = true;
    }
  }
  if (!valid7) {
    const err11 = {
      instancePath,
      schemaPath: '#/allOf/3/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  if (props0 !== true && props3 !== undefined) {
    if (props3 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props3);
    }
  }
  const _errs22 = errors;
  let valid9 = true;
  const _errs23 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing4;
    if (data.applicationType === undefined && (missing4 = 'applicationType')) {
      const err12 = {};
      if (vErrors === null) {
        vErrors = [err12];
      } else {
        vErrors.push(err12);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('mc-app' !== data.applicationType) {
          const err13 = {};
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      }
    }
  }
  var _valid4 = _errs23 === errors;
  errors = _errs22;
  if (vErrors !== null) {
    if (_errs22) {
      vErrors.length = _errs22;
    } else {
      vErrors = null;
    }
  }
  if (_valid4) {
    const _errs25 = errors;
    if (!validate47(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate47.errors : vErrors.concat(validate47.errors);
      errors = vErrors.length;
    }
    var _valid4 = _errs25 === errors;
    valid9 = _valid4;
    if (valid9) {
      var props4 = true;
    }
  }
  if (!valid9) {
    const err14 = {
      instancePath,
      schemaPath: '#/allOf/4/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err14];
    } else {
      vErrors.push(err14);
    }
    errors++;
  }
  if (props0 !== true && props4 !== undefined) {
    if (props4 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props4);
    }
  }
  const _errs27 = errors;
  let valid11 = true;
  const _errs28 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing5;
    if (data.applicationType === undefined && (missing5 = 'applicationType')) {
      const err15 = {};
      if (vErrors === null) {
        vErrors = [err15];
      } else {
        vErrors.push(err15);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('merchant-center-custom-view' !== data.applicationType) {
          const err16 = {};
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      }
    }
  }
  var _valid5 = _errs28 === errors;
  errors = _errs27;
  if (vErrors !== null) {
    if (_errs27) {
      vErrors.length = _errs27;
    } else {
      vErrors = null;
    }
  }
  if (_valid5) {
    const _errs30 = errors;
    if (!validate51(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate51.errors : vErrors.concat(validate51.errors);
      errors = vErrors.length;
    }
    var _valid5 = _errs30 === errors;
    valid11 = _valid5;
    if (valid11) {
      var props5 = true;
    }
  }
  if (!valid11) {
    const err17 = {
      instancePath,
      schemaPath: '#/allOf/5/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err17];
    } else {
      vErrors.push(err17);
    }
    errors++;
  }
  if (props0 !== true && props5 !== undefined) {
    if (props5 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props5);
    }
  }
  const _errs32 = errors;
  let valid13 = true;
  const _errs33 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing6;
    if (data.applicationType === undefined && (missing6 = 'applicationType')) {
      const err18 = {};
      if (vErrors === null) {
        vErrors = [err18];
      } else {
        vErrors.push(err18);
      }
      errors++;
    } else {
      if (data.applicationType !== undefined) {
        if ('assets' !== data.applicationType) {
          const err19 = {};
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
      }
    }
  }
  var _valid6 = _errs33 === errors;
  errors = _errs32;
  if (vErrors !== null) {
    if (_errs32) {
      vErrors.length = _errs32;
    } else {
      vErrors = null;
    }
  }
  if (_valid6) {
    const _errs35 = errors;
    if (!validate55(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
      errors = vErrors.length;
    }
    var _valid6 = _errs35 === errors;
    valid13 = _valid6;
    if (valid13) {
      var props6 = true;
    }
  }
  if (!valid13) {
    const err20 = {
      instancePath,
      schemaPath: '#/allOf/6/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err20];
    } else {
      vErrors.push(err20);
    }
    errors++;
  }
  if (props0 !== true && props6 !== undefined) {
    if (props6 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props6);
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err21 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err21];
      } else {
        vErrors.push(err21);
      }
      errors++;
    }
    if (data.applicationType === undefined) {
      const err22 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'applicationType' },
        message: "must have required property '" + 'applicationType' + "'",
      };
      if (vErrors === null) {
        vErrors = [err22];
      } else {
        vErrors.push(err22);
      }
      errors++;
    }
    if (props0 !== true) {
      props0 = props0 || {};
      props0.name = true;
      props0.applicationType = true;
    }
    if (data.name !== undefined) {
      let data7 = data.name;
      if (typeof data7 === 'string') {
        if (!pattern4.test(data7)) {
          const err23 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-zA-Z0-9_-]{2,256}$' },
            message: 'must match pattern "' + '^[a-zA-Z0-9_-]{2,256}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err23];
          } else {
            vErrors.push(err23);
          }
          errors++;
        }
      } else {
        const err24 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
    }
    if (data.applicationType !== undefined) {
      let data8 = data.applicationType;
      if (!(
        data8 === 'service' ||
        data8 === 'event' ||
        data8 === 'job' ||
        data8 === 'merchant-center-custom-application' ||
        data8 === 'mc-app' ||
        data8 === 'merchant-center-custom-view' ||
        data8 === 'assets'
      )) {
        const err25 = {
          instancePath: instancePath + '/applicationType',
          schemaPath: '#/properties/applicationType/enum',
          keyword: 'enum',
          params: { allowedValues: schema32.properties.applicationType.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
  } else {
    const err26 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err26];
    } else {
      vErrors.push(err26);
    }
    errors++;
  }
  validate21.errors = vErrors;
  evaluated0.props = props0;
  return errors === 0;
}
validate21.evaluated = { dynamicProps: true, dynamicItems: false };

const schema66 = {
  description: 'What the whole deployment shares: global configuration and the API client Connect creates.',
  type: 'object',
  additionalProperties: false,
  properties: {
    configuration: {
      $ref: '#/$defs/configuration',
      description:
        'Global configuration: values the client enters once for every application. A global key may not appear again anywhere else.',
    },
    apiClient: {
      description:
        'The API client Connect creates for the deployment; its credentials reach every application.',
      type: 'object',
      additionalProperties: false,
      required: ['scopes'],
      properties: {
        scopes: {
          description:
            "The client's OAuth scopes, e.g. manage_orders, view_products: a non-empty list of non-empty strings.",
          type: 'array',
          minItems: 1,
          items: { type: 'string', description: 'One OAuth scope, e.g. manage_orders.', pattern: '[\\s\\S]' },
        },
      },
    },
  },
};
const pattern30 = new RegExp('[\\s\\S]', 'u');

function validate58(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate58.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === 'configuration' || key0 === 'apiClient')) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.configuration !== undefined) {
      if (
        !validate23(data.configuration, {
          instancePath: instancePath + '/configuration',
          parentData: data,
          parentDataProperty: 'configuration',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.apiClient !== undefined) {
      let data1 = data.apiClient;
      if (data1 && typeof data1 == 'object' && !Array.isArray(data1)) {
        if (data1.scopes === undefined) {
          const err1 = {
            instancePath: instancePath + '/apiClient',
            schemaPath: '#/properties/apiClient/required',
            keyword: 'required',
            params: { missingProperty: 'scopes' },
            message: "must have required property '" + 'scopes' + "'",
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        for (const key1 in data1) {
          if (!(key1 === 'scopes')) {
            const err2 = {
              instancePath: instancePath + '/apiClient',
              schemaPath: '#/properties/apiClient/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
            };
            if (vErrors === null) {
              vErrors = [err2];
            } else {
              vErrors.push(err2);
            }
            errors++;
          }
        }
        if (data1.scopes !== undefined) {
          let data2 = data1.scopes;
          if (Array.isArray(data2)) {
            if (data2.length < 1) {
              const err3 = {
                instancePath: instancePath + '/apiClient/scopes',
                schemaPath: '#/properties/apiClient/properties/scopes/minItems',
                keyword: 'minItems',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 items',
              };
              if (vErrors === null) {
                vErrors = [err3];
              } else {
                vErrors.push(err3);
              }
              errors++;
            }
            const len0 = data2.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data3 = data2[i0];
              if (typeof data3 === 'string') {
                if (!pattern30.test(data3)) {
                  const err4 = {
                    instancePath: instancePath + '/apiClient/scopes/' + i0,
                    schemaPath: '#/properties/apiClient/properties/scopes/items/pattern',
                    keyword: 'pattern',
                    params: { pattern: '[\\s\\S]' },
                    message: 'must match pattern "' + '[\\s\\S]' + '"',
                  };
                  if (vErrors === null) {
                    vErrors = [err4];
                  } else {
                    vErrors.push(err4);
                  }
                  errors++;
                }
              } else {
                const err5 = {
                  instancePath: instancePath + '/apiClient/scopes/' + i0,
                  schemaPath: '#/properties/apiClient/properties/scopes/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err5];
                } else {
                  vErrors.push(err5);
                }
                errors++;
              }
            }
          } else {
            const err6 = {
              instancePath: instancePath + '/apiClient/scopes',
              schemaPath: '#/properties/apiClient/properties/scopes/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/apiClient',
          schemaPath: '#/properties/apiClient/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
  } else {
    const err8 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err8];
    } else {
      vErrors.push(err8);
    }
    errors++;
  }
  validate58.errors = vErrors;
  return errors === 0;
}
validate58.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.deployAs === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'deployAs' },
        message: "must have required property '" + 'deployAs' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'deployAs' || key0 === 'inheritAs')) {
        const err1 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.deployAs !== undefined) {
      let data0 = data.deployAs;
      if (Array.isArray(data0)) {
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate21(data0[i0], {
              instancePath: instancePath + '/deployAs/' + i0,
              parentData: data0,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/deployAs',
          schemaPath: '#/properties/deployAs/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.inheritAs !== undefined) {
      if (
        !validate58(data.inheritAs, {
          instancePath: instancePath + '/inheritAs',
          parentData: data,
          parentDataProperty: 'inheritAs',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate58.errors : vErrors.concat(validate58.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err3 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
