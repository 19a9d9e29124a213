// The benchmarks' HTTP client: node:http over kept-alive connections. It shares the machine with
// what it measures, so it should cost as little as the Temporal client the bare baselines use;
// fetch costs about a millisecond more CPU per request on these machines (the intake breakdown
// times both), which the API's figures would otherwise carry.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/** One request; the body is sent as given (a string or bytes) with the headers given. */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.body;
    const headers = { ...options.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
    const req = request(url, { method: options.method ?? 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON request: the body serialized, its content type set. */
export function httpJson(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
