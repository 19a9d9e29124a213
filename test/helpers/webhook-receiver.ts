// A real HTTP server that receives webhook deliveries, for the notification tests. It can be
// told to answer the next requests with an error, to make deliveries fail and be retried.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  answeredWith: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The next `count` requests are answered with `status` (then 204 again). */
  failNext(count: number, status?: number): void;
  /** Every request is answered with `status` until told otherwise. */
  failAlways(status?: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failing = 0;
  let failStatus = 500;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failing > 0 ? failStatus : 204;
      if (failing > 0) failing -= 1;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answeredWith: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cipdesk`,
    received,
    failNext(count, status = 500) {
      failing = count;
      failStatus = status;
    },
    failAlways(status = 500) {
      failing = Number.POSITIVE_INFINITY;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
