import { describe } from 'vitest';

import { scaffoldAcceptance } from './scaffold-build.js';

describe('a scaffolded ts repository with every application type', () => {
  scaffoldAcceptance('ts');
});
