/**
 * Writing and editing connect.yaml. `init` builds a new document; `add` edits the user's file
 * through the `yaml` Document API so that its comments, key order, quoting and layout survive:
 * only the new application's lines are added.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

import { ConnectError, ExitCode } from '../errors.js';
import { DEFAULT_SCHEDULE, TYPE_DESCRIPTIONS, type ScaffoldType } from './catalogue.js';

export interface PlannedApplication {
  type: ScaffoldType;
  name: string;
  /** service, event and job only. */
  endpoint?: string | undefined;
  /** job only. */
  schedule?: string | undefined;
  /** The language of its template: Java applications run their scripts with Maven. */
  language?: string | undefined;
}

interface ConfigurationEntry {
  key: string;
  description: string;
  required?: boolean;
  default?: string;
}

const commercetoolsStandard: ConfigurationEntry[] = [
  { key: 'CTP_PROJECT_KEY', description: 'Key of the commercetools project', required: true },
  {
    key: 'CTP_REGION',
    description: 'Region of the project, e.g. europe-west1.gcp or us-east-2.aws',
    required: true,
    default: 'europe-west1.gcp',
  },
  {
    key: 'CTP_SCOPE',
    description: 'OAuth scopes of the API client, space-separated (empty: all its scopes)',
  },
];

const commercetoolsSecured: ConfigurationEntry[] = [
  { key: 'CTP_CLIENT_ID', description: 'Client ID of the commercetools API client', required: true },
  { key: 'CTP_CLIENT_SECRET', description: 'Client secret of the commercetools API client', required: true },
];

const cloudIdentifier: ConfigurationEntry = {
  key: 'CLOUD_IDENTIFIER',
  description: 'Merchant Center cloud: gcp-eu, gcp-us, gcp-au, aws-eu or aws-us',
  required: true,
  default: 'gcp-eu',
};

const connectorScripts = {
  postDeploy: 'npm install && npm run connector:post-deploy',
  preUndeploy: 'npm install && npm run connector:pre-undeploy',
};

/** Java templates: the scripts are exec-maven-plugin executions of pom.xml. */
const mavenScripts = {
  postDeploy: 'mvn -B -q compile exec:java@post-deploy',
  preUndeploy: 'mvn -B -q compile exec:java@pre-undeploy',
};

/** The connect.yaml entry of an application, in the platform's key order. */
export function applicationEntry(app: PlannedApplication): Record<string, unknown> {
  const base = { name: app.name, applicationType: app.type };
  switch (app.type) {
    case 'service':
      return {
        ...base,
        endpoint: app.endpoint,
        scripts: app.language === 'java' ? mavenScripts : connectorScripts,
        configuration: {
          standardConfiguration: [
            ...commercetoolsStandard,
            {
              key: 'MAX_QUANTITY_PER_LINE_ITEM',
              description: 'Most units of one product a cart may hold',
              default: '10',
            },
          ],
          securedConfiguration: commercetoolsSecured,
        },
      };
    case 'event':
      return {
        ...base,
        endpoint: app.endpoint,
        scripts: app.language === 'java' ? mavenScripts : connectorScripts,
        configuration: {
          standardConfiguration: commercetoolsStandard,
          securedConfiguration: commercetoolsSecured,
        },
      };
    case 'job':
      return {
        ...base,
        endpoint: app.endpoint,
        properties: { schedule: app.schedule ?? DEFAULT_SCHEDULE },
        configuration: {
          standardConfiguration: commercetoolsStandard,
          securedConfiguration: commercetoolsSecured,
        },
      };
    case 'assets':
      return base;
    case 'merchant-center-custom-application':
      return {
        ...base,
        configuration: {
          standardConfiguration: [
            {
              key: 'CUSTOM_APPLICATION_ID',
              description: 'ID of the custom application in the Merchant Center',
              required: true,
            },
            {
              key: 'ENTRY_POINT_URI_PATH',
              description: 'Path of the application in the Merchant Center URL, e.g. my-app',
              required: true,
            },
            cloudIdentifier,
          ],
        },
      };
    case 'merchant-center-custom-view':
      return {
        ...base,
        configuration: {
          standardConfiguration: [
            {
              key: 'CUSTOM_VIEW_ID',
              description: 'ID of the custom view in the Merchant Center',
              required: true,
            },
            cloudIdentifier,
          ],
        },
      };
  }
}

export function schemaComment(schemaUrl: string): string {
  return ` yaml-language-server: $schema=${schemaUrl}`;
}

/** A new connect.yaml listing APPS. */
export function createConnectYaml(apps: PlannedApplication[], schemaUrl: string): string {
  // Shared entries (the CTP_* keys) must be written out in full, never as YAML anchors.
  const doc = new Document({ deployAs: apps.map(applicationEntry) }, { aliasDuplicateObjects: false });
  doc.commentBefore = `${schemaComment(schemaUrl)}\n\n Describes the applications of this connector: https://docs.commercetools.com/connect/connect-yaml`;
  const deployAs = doc.get('deployAs', true);
  if (isSeq(deployAs)) {
    deployAs.items.forEach((item, index) => {
      const app = apps[index];
      if (app && index > 0) (item as Node).spaceBefore = true;
      if (app) (item as Node).commentBefore = ` ${TYPE_DESCRIPTIONS[app.type]}`;
    });
  }
  return doc.toString({ lineWidth: 0 });
}

/** The names and types of the applications of a connect.yaml (what parses of them). */
export function applicationEntries(
  source: string,
): { name: string; type: string | undefined; endpoint?: string; schedule?: string }[] {
  const doc = parseDocument(source);
  const deployAs = doc.get('deployAs', true);
  if (!isSeq(deployAs)) return [];
  return deployAs.items.flatMap((item) => {
    const name = isMap(item) ? item.get('name', true) : undefined;
    const type = isMap(item) ? item.get('applicationType') : undefined;
    const endpoint = isMap(item) ? item.get('endpoint') : undefined;
    const schedule = isMap(item) ? item.getIn(['properties', 'schedule']) : undefined;
    return isScalar(name)
      ? [
          {
            name: String(name.value),
            type: typeof type === 'string' ? type : undefined,
            ...(typeof endpoint === 'string' ? { endpoint } : {}),
            ...(typeof schedule === 'string' ? { schedule } : {}),
          },
        ]
      : [];
  });
}

/** The names already used in a connect.yaml, for duplicate checks. */
export function applicationNames(source: string): string[] {
  return applicationEntries(source).map((entry) => entry.name);
}

/**
 * Appends APP to the deployAs list of SOURCE (the text of connect.yaml at FILE), keeping
 * everything else of the file as it was. Refuses a duplicate name.
 */
export function addToConnectYaml(source: string, app: PlannedApplication, file: string): string {
  const doc = parseDocument(source, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new ConnectError(
      'CONNECT_YAML_INVALID',
      `${file} is not valid YAML: ${doc.errors[0]?.message ?? ''}`,
      {
        hint: `fix it (run \`connect validate\` for the details), then run \`connect add\` again`,
      },
    );
  }
  const deployAs = doc.get('deployAs', true);
  if (!isSeq(deployAs)) {
    throw new ConnectError(
      'CONNECT_YAML_INVALID',
      `${file} has no deployAs list to add the application to.`,
      {
        hint: 'add `deployAs:` with the existing applications, or create a repository with `connect init`',
      },
    );
  }
  if (applicationNames(source).includes(app.name)) {
    throw new ConnectError('DUPLICATE_NAME', `${file} already has an application named "${app.name}".`, {
      hint: `choose another name: connect add ${app.type} --name <name>`,
      exitCode: ExitCode.Usage,
    });
  }
  const item = doc.createNode(applicationEntry(app), { aliasDuplicateObjects: false });
  if (deployAs.items.length > 0 && deployAs.flow !== true)
    item.spaceBefore = hasBlankLineBetweenItems(source);
  item.commentBefore = ` ${TYPE_DESCRIPTIONS[app.type]}`;
  deployAs.items.push(item);
  return doc.toString({ lineWidth: 0, ...layoutOf(source) });
}

/** The indentation style of the user's file, so that the new lines look like theirs. */
function layoutOf(source: string): { indent: number; indentSeq: boolean; flowCollectionPadding: boolean } {
  const indentMatch = /^[^\s#-][^\n]*:\s*\n( +)[^\s-]/m.exec(source);
  const seqMatch = /^deployAs:[^\n]*\n(?:\s*#[^\n]*\n)*( *)-/m.exec(source);
  const indent = indentMatch?.[1]?.length ?? seqMatch?.[1]?.length ?? 2;
  return {
    indent: indent > 0 ? indent : 2,
    indentSeq: seqMatch === null ? true : (seqMatch[1]?.length ?? 0) > 0,
    flowCollectionPadding: /[[{] \S/.test(source),
  };
}

function hasBlankLineBetweenItems(source: string): boolean {
  return /\n\s*\n\s*(#[^\n]*\n\s*)*- /.test(source.slice(source.indexOf('deployAs')));
}
