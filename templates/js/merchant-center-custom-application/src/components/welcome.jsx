import { useApplicationContext } from '@commercetools-frontend/application-shell-connectors';
import Spacings from '@commercetools-uikit/spacings';
import Text from '@commercetools-uikit/text';

/** The starter page: replace it with your application. */
export default function Welcome() {
  const projectName = useApplicationContext((context) => context.project?.name);
  return (
    <Spacings.Stack scale="m">
      <Text.Headline as="h1">{'{{name}}'}</Text.Headline>
      <Text.Body>Your custom application runs in {projectName ?? 'the Merchant Center'}.</Text.Body>
    </Spacings.Stack>
  );
}
