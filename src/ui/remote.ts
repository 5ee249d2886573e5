/**
 * Human rendering of Connect API resources: status colours, report entries, a deployment's
 * applications, log lines with severity colours.
 */
import type { ChalkInstance } from 'chalk';

import type { Deployment, DeploymentLog, Report } from '../connect-api/types.js';
import type { Output } from './output.js';

export function statusStyle(color: ChalkInstance, status: string): string {
  if (['Published', 'Deployed', 'true'].includes(status)) return color.green(status);
  if (['Failed', 'UndeployFailed', 'false'].includes(status)) return color.red(status);
  if (['Draft', 'none'].includes(status)) return color.dim(status);
  return color.yellow(status);
}

export function printReport(output: Output, title: string, report: Report | undefined): void {
  const entries = report?.entries ?? [];
  if (entries.length === 0) return;
  output.info(output.color.bold(title));
  for (const entry of entries) {
    const label =
      entry.type === 'Error'
        ? output.color.red('error  ')
        : entry.type === 'Warning'
          ? output.color.yellow('warning')
          : output.color.cyan('info   ');
    output.info(`  ${label} ${entry.title}${entry.message ? `: ${entry.message}` : ''}`);
  }
}

export function printApplications(output: Output, deployment: Deployment): void {
  const rows = deployment.applications.map((app) => ({
    app: app.applicationName,
    where: app.url ?? '',
    topic: app.topic ?? '',
    schedule: app.schedule ?? '',
  }));
  if (rows.length === 0) return;
  output.out(
    `${output.color.bold(deployment.key ?? deployment.id)} ${statusStyle(output.color, deployment.status)} (${deployment.type}, ${deployment.deployedRegion})`,
  );
  output.table(rows, [
    { header: 'APPLICATION', get: (row) => row.app },
    { header: 'URL', get: (row) => row.where },
    { header: 'TOPIC', get: (row) => row.topic },
    { header: 'SCHEDULE', get: (row) => row.schedule },
  ]);
}

export function severityStyle(color: ChalkInstance, severity: string): string {
  const padded = severity.padEnd(8);
  if (['ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'].includes(severity)) return color.red(padded);
  if (severity === 'WARNING') return color.yellow(padded);
  if (severity === 'NOTICE' || severity === 'INFO') return color.cyan(padded);
  return color.dim(padded);
}

export function logLine(color: ChalkInstance, entry: DeploymentLog): string {
  const details =
    typeof entry.details === 'string'
      ? entry.details
      : entry.details &&
          typeof entry.details === 'object' &&
          typeof (entry.details as { message?: unknown }).message === 'string'
        ? (entry.details as { message: string }).message
        : JSON.stringify(entry.details);
  return `${color.dim(entry.timestamp)} ${severityStyle(color, entry.severity)} ${color.bold(entry.applicationName)} ${details}`;
}
