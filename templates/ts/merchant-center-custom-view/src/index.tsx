import { createRoot } from 'react-dom/client';

import EntryPoint from './components/entry-point';

createRoot(document.getElementById('app') as HTMLElement).render(<EntryPoint />);
