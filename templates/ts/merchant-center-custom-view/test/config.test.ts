import { describe, expect, it } from 'vitest';

import config from '../custom-view-config.mjs';

describe('the custom view configuration', () => {
  it('takes every deployment value from the environment Connect provides', () => {
    expect(config.cloudIdentifier).toBe('${env:CLOUD_IDENTIFIER}');
    expect(config.env.production).toEqual({ customViewId: '${env:CUSTOM_VIEW_ID}', url: '${env:APPLICATION_URL}' });
    expect(config.locators.length).toBeGreaterThan(0);
  });
});
