/** The files at the root of a new repository: README.md and .gitignore. */
import { hasEndpoint, LANGUAGE_LABELS, TYPE_DESCRIPTIONS, type Language } from './catalogue.js';
import type { PlannedApplication } from './connect-yaml.js';

export const ROOT_GITIGNORE = `node_modules/
target/
dist/
public/
build/
coverage/
.env
.env.local
.connect/
*.log
`;

/** The npm package name of an application (npm names are lower case and may not start with "_"). */
export function packageNameOf(name: string): string {
  const cleaned = name.toLowerCase().replace(/^[_.-]+/, '');
  return cleaned === '' ? 'app' : cleaned;
}

const NODE_RUN = `Or run one application on its own: \`cd <folder> && npm install && npm run build && npm start\`.

## Test

\`\`\`sh
cd <folder> && npm test
\`\`\`

Every service, event and job application has tests (vitest and supertest) that run without a
commercetools project: the API is replaced by a local stand-in through \`CTP_API_URL\`.`;

const JAVA_RUN = `Or run one application on its own: \`cd <folder> && mvn package && java -jar target/<folder>-1.0.0.jar\`
(it listens on \`PORT\`, default 8080). The applications need a JDK 17 and Maven; \`connect dev\` builds
them with \`mvn package -DskipTests\`, as the platform does.

## Test

\`\`\`sh
cd <folder> && mvn test
\`\`\`

Every service, event and job application has JUnit tests that run without a commercetools
project: the API is replaced by a local stand-in (\`FakeCommercetools\`).`;

export function rootReadme(title: string, language: Language, apps: PlannedApplication[]): string {
  const rows = apps
    .map((app) => {
      const detail = hasEndpoint(app.type)
        ? `\`POST ${app.endpoint ?? ''}\`${app.schedule ? ` on \`${app.schedule}\`` : ''}`
        : '';
      return `| [\`${app.name}/\`](${app.name}/) | ${app.type} | ${TYPE_DESCRIPTIONS[app.type]} | ${detail} |`;
    })
    .join('\n');
  return `# ${title}

A [commercetools Connect](https://docs.commercetools.com/connect) connector, written in
${LANGUAGE_LABELS[language]}. \`connect.yaml\` describes its applications; each lives in the folder
of the same name.

| folder | type | what | called as |
| --- | --- | --- | --- |
${rows}

Add another application with \`connect add TYPE\`.

## Configure

Each application reads its configuration from environment variables, the keys listed under
its \`configuration\` in \`connect.yaml\`. For local runs, copy an application's \`.env.example\`
to \`.env\` and fill it in (\`.env\` files are ignored by Git), or put the values in
\`connect.values.yaml\`, the file \`connect dev\` and \`connect deploy\` read.

## Run locally

\`\`\`sh
connect validate      # check connect.yaml and every application folder
connect dev           # run every application as the Connect runtime would
\`\`\`

${language === 'java' ? JAVA_RUN : NODE_RUN}

The integration tests (\`integration/\`, node:test) run every application in the \`connect dev\`
emulator and call them as commercetools does: a cart created calls the API Extension, an order
created is delivered to the event application, a job run answers 200. At the repository root:

\`\`\`sh
npm install           # connect-cli, for \`connect-cli/testing\`
npm test
\`\`\`

\`.github/workflows/connect.yml\` runs all of it on GitHub Actions (install, \`connect validate\`,
each application's tests, the integration tests under \`connect dev --exec\`), and on a version tag
publishes and deploys the connector with the \`CTP_*\` repository secrets.

## Publish

1. Push this repository to GitHub and tag a release (\`git tag v1.0.0 && git push --tags\`).
2. Check it: \`connect validate\`.
3. Create a connector and publish it: \`connect publish\` (see \`connect publish --help\`).
4. Deploy it to a project: \`connect deploy\`.

The deployment runs each application's \`postDeploy\` script (registering the API Extension
or the Subscription), and \`preUndeploy\` before it is removed.
`;
}
