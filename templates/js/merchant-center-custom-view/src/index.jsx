import { createRoot } from 'react-dom/client';

import EntryPoint from './components/entry-point.jsx';

createRoot(document.getElementById('app')).render(<EntryPoint />);
