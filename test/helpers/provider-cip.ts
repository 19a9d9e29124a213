// The provider's own CIP on file, as a handler uploads it: a CIP transmission names the version
// it sends, so a test that transmits first puts a version on file.
import type { App } from '../../api/app.js';
import { multipartBody } from './multipart.js';
import { bearer } from './tokens.js';

/**
 * Records a version received (and so in effect) now: the version in force is the one that took
 * effect last, so a version dated earlier than one another test recorded would not be in force.
 */
export async function uploadProviderCip(app: App, label: string): Promise<string> {
  const { payload, headers } = multipartBody(
    { receivedAt: new Date().toISOString() },
    { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`provider CIP ${label}`) },
  );
  const upload = await app.inject({ method: 'POST', url: '/v1/provider/cip-documents', headers: { ...bearer('case_handler'), ...headers }, payload });
  if (upload.statusCode !== 201) throw new Error(`provider CIP upload answered ${upload.statusCode}: ${upload.body}`);
  return String(upload.json().version);
}
