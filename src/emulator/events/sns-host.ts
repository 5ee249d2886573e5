/**
 * The emulator's stand-in for `https://sns.<region>.amazonaws.com` on an AWS deployment: the
 * host-redirect preload sends an app's requests for that host here (CONNECT_EMULATOR_SNS_URL), so
 * the URLs in the SNS messages the app receives work as they do on AWS:
 * - `GET /<SigningCertURL file>`: the certificate the signatures verify with;
 * - `?Action=ConfirmSubscription&TopicArn=…&Token=…` (the SubscribeURL of a
 *   SubscriptionConfirmation, `connect trigger event APP --type SubscriptionConfirmation`);
 * - `?Action=Unsubscribe&SubscriptionArn=…` (the UnsubscribeURL of every notification).
 * Answers are SNS's Query API XML. Nothing here loads until an app asks.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CERTIFICATE_FILE, regionOfTopicArn, signingCertificate } from './sns.js';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function result(action: string, inner: string): string {
  return `<${action}Response xmlns="${XMLNS}">\n  <${action}Result>${inner}</${action}Result>\n  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`;
}

interface Pending {
  topicArn: string;
  application: string;
  confirmed: (subscriptionArn: string) => void;
}

export interface SnsHostOptions {
  /** The AWS region of the emulated deployment (the certificate's name). */
  region: string;
  /** Lines for the developer (an app unsubscribed, a bad token). */
  warn(text: string): void;
  info(text: string): void;
  /** The event app whose topic this is, for the log lines. */
  applicationOf(topicArn: string): string | null;
}

export class SnsHost {
  private readonly pending = new Map<string, Pending>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: SnsHostOptions,
  ) {}

  static async listen(options: SnsHostOptions): Promise<SnsHost> {
    const server = http.createServer();
    const host = new SnsHost(server, options);
    server.on('request', (req, res) => {
      host.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/xml' });
        res.end(errorXml('InternalError', error instanceof Error ? error.message : String(error)));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return host;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * A token for a SubscriptionConfirmation to `application`'s topic, and a promise of the
   * subscription's ARN, resolved when the app visits the SubscribeURL with it.
   */
  expectConfirmation(application: string, topicArn: string): { token: string; confirmed: Promise<string> } {
    // SNS's tokens are long hex strings.
    const token = (randomUUID() + randomUUID() + randomUUID()).replace(/-/g, '');
    const confirmed = new Promise<string>((resolve) => {
      this.pending.set(token, { topicArn, application, confirmed: resolve });
    });
    return { token, confirmed };
  }

  /** Forgets a token the app never used. */
  forget(token: string): void {
    this.pending.delete(token);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sns.local');
    if (req.method === 'GET' && url.pathname === `/${CERTIFICATE_FILE}`) {
      const pem = await signingCertificate(this.options.region);
      res.writeHead(200, { 'content-type': 'application/x-x509-ca-cert' });
      res.end(pem);
      return;
    }
    // The Query API takes its parameters in the query string (GET) or a form body (POST).
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
    }
    const action = params.get('Action');
    if (url.pathname !== '/' || !action) {
      this.send(res, 404, errorXml('NotFound', `Nothing at ${url.pathname} on the emulated SNS host.`));
      return;
    }
    if (action === 'ConfirmSubscription') {
      const token = params.get('Token') ?? '';
      const topicArn = params.get('TopicArn') ?? '';
      const pending = this.pending.get(token);
      if (!pending || pending.topicArn !== topicArn) {
        this.options.warn(
          `SNS: ConfirmSubscription with an unknown token or topic (${topicArn || 'no TopicArn'}).`,
        );
        this.send(res, 400, errorXml('InvalidParameter', 'Invalid parameter: Token'));
        return;
      }
      this.pending.delete(token);
      const subscriptionArn = `${topicArn}:${randomUUID()}`;
      this.options.info(`${pending.application}: confirmed its SNS subscription to ${topicArn}.`);
      pending.confirmed(subscriptionArn);
      this.send(
        res,
        200,
        result(
          'ConfirmSubscription',
          `\n    <SubscriptionArn>${escapeXml(subscriptionArn)}</SubscriptionArn>\n  `,
        ),
      );
      return;
    }
    if (action === 'Unsubscribe') {
      const subscriptionArn = params.get('SubscriptionArn') ?? '';
      const topicArn = subscriptionArn.split(':').slice(0, 6).join(':');
      const application = this.options.applicationOf(topicArn) ?? 'an application';
      this.options.warn(
        `${application} called its UnsubscribeURL (${regionOfTopicArn(topicArn)}): on AWS, SNS would stop delivering to it until the deployment is redeployed; the emulator keeps delivering.`,
      );
      this.send(res, 200, result('Unsubscribe', ''));
      return;
    }
    this.send(res, 400, errorXml('InvalidAction', `The action ${action} is not valid for this web service.`));
  }

  private send(res: http.ServerResponse, status: number, xml: string): void {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(xml);
  }
}
