import { describe, expect, it } from 'vitest';

import { API_ERROR_CODES, ConnectApiError, toErrorCode } from './errors.js';

const REFERENCE_CODES =
  `AuthenticationError AuthorizationError BadGateway ConcurrentModification DuplicateField
FieldValueNotFound General InvalidJsonInput InvalidPathParam InvalidQueryParam ResourceNotFound
ConnectorAlreadyCertified ConnectorStagedInCertification ConnectorStagedNotPreviewable ConnectorStagedNotPrivate
ConnectorStagedPreviewRequestUnderProcess GitRepositoryNotReachable ConnectorSpecificationFileNotFound
ConnectorSpecificationFileNotValid ConnectorReferenceNotFound DeploymentConnectorUpdateFailure
DeploymentInvalidStatusTransition DeploymentUnknownApplicationConfiguration DeploymentUnknownApplicationConfigurationKey
DeploymentUnsupportedRegion DeploymentApplicationDoNotBelong DeploymentApplicationRequired
DeploymentUnknownGlobalConfigurationKey DeploymentMissingGlobalConfigurationKey
DeploymentEmptyRequiredGlobalConfigurationKey DeploymentInvalidType DeploymentProductionDeactivated`.split(
    /\s+/,
  );

const context = { method: 'GET', path: '/x', correlationId: 'connect-cli/1' };

describe('Connect API errors', () => {
  it('has a hint for every error code of the reference', () => {
    expect(REFERENCE_CODES.filter((code) => !API_ERROR_CODES.includes(code))).toEqual([]);
  });

  it.each(REFERENCE_CODES)('%s becomes a readable error with a hint', (code) => {
    const error = new ConnectApiError({
      ...context,
      statusCode: 400,
      body: {
        statusCode: 400,
        message: 'm',
        errors: [{ code, message: `about ${code}`, detailedErrorMessage: 'the detail' }],
      },
    });
    expect(error.code).toBe(toErrorCode(code));
    expect(error.message).toContain(`about ${code}`);
    expect(error.hint).toBeTruthy();
  });

  it('fills fields into hints and redacts messages', () => {
    const error = new ConnectApiError(
      {
        ...context,
        statusCode: 400,
        body: {
          statusCode: 400,
          message: 'm',
          errors: [{ code: 'InvalidJsonInput', message: 'bad s3cret', detailedErrorMessage: 'field x' }],
        },
      },
      (text) => text.replaceAll('s3cret', '****'),
    );
    expect(error.hint).toContain('field x');
    expect(error.message).toContain('bad ****');
    expect(toErrorCode('GitRepositoryNotReachable')).toBe('GIT_REPOSITORY_NOT_REACHABLE');
  });

  it('names a code from the status when the body has none', () => {
    expect(new ConnectApiError({ ...context, statusCode: 404, body: undefined }).code).toBe(
      'RESOURCE_NOT_FOUND',
    );
    expect(new ConnectApiError({ ...context, statusCode: 503, body: '<html>' }).code).toBe('GENERAL');
    expect(
      new ConnectApiError({
        ...context,
        statusCode: 429,
        body: { statusCode: 429, message: 'slow down', errors: [{ code: 'General', message: 'slow down' }] },
      }).code,
    ).toBe('RATE_LIMITED');
  });
});
