/**
 * Configuration, read once at start-up (helpers in ./env): every problem is reported at once.
 */
import { ConfigurationError, readCommercetools, value, readString, readInteger } from './env.js';

export { ConfigurationError } from './env.js';

export function loadAppConfig(env = process.env) {
  const problems = [];
  const config = { port: readInteger(env, 'PORT', { default: 8080, min: 1, max: 65535 }, problems) };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

export function loadPostDeployConfig(env = process.env) {
  const problems = [];
  const commercetools = readCommercetools(env, problems);
  const destination = readDestination(env, problems);
  if (problems.length > 0 || destination === undefined) throw new ConfigurationError(problems);
  return { commercetools, destination };
}

/**
 * Connect names the destination with CONNECT_SUBSCRIPTION_DESTINATION (GoogleCloudPubSub or
 * SNS); older runtimes only set CONNECT_PROVIDER (GCP or AWS).
 */
export function readDestination(env, problems) {
  const named = value(env, 'CONNECT_SUBSCRIPTION_DESTINATION');
  const provider = value(env, 'CONNECT_PROVIDER');
  const type = named ?? (provider === 'AWS' ? 'SNS' : provider === 'GCP' ? 'GoogleCloudPubSub' : undefined);
  if (type === 'GoogleCloudPubSub') {
    const projectId = readString(env, 'CONNECT_GCP_PROJECT_ID', problems);
    const topic = readString(env, 'CONNECT_GCP_TOPIC_NAME', problems);
    return { type, projectId, topic };
  }
  if (type === 'SNS') {
    const topicArn = readString(env, 'CONNECT_AWS_TOPIC_ARN', problems);
    if (topicArn && !topicArn.startsWith('arn:'))
      problems.push(`CONNECT_AWS_TOPIC_ARN "${topicArn}" is not an ARN`);
    return { type, topicArn, authenticationMode: 'IAM' };
  }
  if (named !== undefined) {
    problems.push(`CONNECT_SUBSCRIPTION_DESTINATION "${named}" is not GoogleCloudPubSub or SNS`);
  } else if (provider !== undefined) {
    problems.push(`CONNECT_PROVIDER "${provider}" is not GCP or AWS`);
  } else {
    problems.push('CONNECT_SUBSCRIPTION_DESTINATION (or CONNECT_PROVIDER) is not set');
  }
  return undefined;
}
