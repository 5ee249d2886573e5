import { useCustomViewContext } from '@commercetools-frontend/application-shell-connectors';
import Spacings from '@commercetools-uikit/spacings';
import Text from '@commercetools-uikit/text';

/** The starter panel: replace it with your view. */
export default function Panel() {
  const hostUrl = useCustomViewContext((context) => context.hostUrl);
  return (
    <Spacings.Stack scale="m">
      <Text.Headline as="h2">{'{{name}}'}</Text.Headline>
      <Text.Body>Opened from {hostUrl ?? 'the Merchant Center'}.</Text.Body>
    </Spacings.Stack>
  );
}
