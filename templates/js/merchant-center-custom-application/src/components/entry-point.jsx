import { ApplicationShell, setupGlobalErrorListener } from '@commercetools-frontend/application-shell';

import Welcome from './welcome.jsx';

// Report uncaught errors in the Merchant Center's error tracking.
setupGlobalErrorListener();

const loadMessages = async () => ({});

export default function EntryPoint() {
  return (
    <ApplicationShell environment={window.app} applicationMessages={loadMessages}>
      <Welcome />
    </ApplicationShell>
  );
}
