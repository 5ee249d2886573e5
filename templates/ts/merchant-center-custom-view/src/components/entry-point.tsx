import { CustomViewShell, setupGlobalErrorListener } from '@commercetools-frontend/application-shell';

import Panel from './panel';

// Report uncaught errors in the Merchant Center's error tracking.
setupGlobalErrorListener();

const loadMessages = async () => ({});

export default function EntryPoint() {
  return (
    <CustomViewShell applicationMessages={loadMessages}>
      <Panel />
    </CustomViewShell>
  );
}
