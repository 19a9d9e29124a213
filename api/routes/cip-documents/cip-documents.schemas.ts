import { Type } from '@sinclair/typebox';
import { DOCUMENT_CONTENT_TYPES } from '../documents/upload.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CipVersionSchema = Type.Object({
  id: Uuid,
  owner: Type.Union([
    Type.Object({ type: Type.Literal('provider') }),
    Type.Object({ type: Type.Literal('foreign-reseller'), resellerId: Uuid }),
  ]),
  version: Type.Integer({ minimum: 1, description: 'numbered per owner from 1; a version never changes' }),
  label: Nullable(Type.String()),
  receivedAt: Instant,
  effectiveAt: Instant,
  recordedBy: Type.String(),
  recordedAt: Instant,
  document: Type.Object({
    id: Uuid,
    contentType: Type.String(),
    filename: Nullable(Type.String()),
    sizeBytes: Type.Integer(),
    sha256: Type.String({ description: 'lower-case hex SHA-256 of the stored bytes' }),
  }),
  contentUrl: Type.String({ description: 'GET it for exactly the stored bytes' }),
});

export const ResellerVersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });
export const ProviderVersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

export const UPLOAD_DESCRIPTION =
  'multipart/form-data with the parts `file` (the document; accepted types: ' +
  DOCUMENT_CONTENT_TYPES.join(', ') +
  '; larger than the configured limit (10 MiB by default): 413), `receivedAt` (ISO 8601, when the provider received this version; not in the future), ' +
  'optional `effectiveAt` (from when it applies; default receivedAt) and optional `label` (the owner’s name for the version). ' +
  'A refused upload stores nothing.';
