// Builds a multipart/form-data body for app.inject: text fields and at most one file, with the
// file's bytes exactly as given.
import { randomUUID } from 'node:crypto';

export function multipartBody(
  // An array sends the field once per value, as a form with a repeated field does.
  fields: Record<string, string | readonly string[]>,
  file?: { field?: string; filename: string; contentType: string; content: Buffer },
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----cipdesk-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, values] of Object.entries(fields)) {
    for (const value of typeof values === 'string' ? [values] : values) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
