import { describe } from 'vitest';

import { scaffoldAcceptance } from './scaffold-build.js';

describe('a scaffolded js repository with every application type', () => {
  scaffoldAcceptance('js');
});
