import { describe, expect, it } from 'vitest';

import config from '../custom-application-config.mjs';

describe('the custom application configuration', () => {
  it('takes every deployment value from the environment Connect provides', () => {
    expect(config.entryPointUriPath).toBe('${env:ENTRY_POINT_URI_PATH}');
    expect(config.cloudIdentifier).toBe('${env:CLOUD_IDENTIFIER}');
    expect(config.env.production).toEqual({
      applicationId: '${env:CUSTOM_APPLICATION_ID}',
      url: '${env:APPLICATION_URL}',
    });
  });
});
