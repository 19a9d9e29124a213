import { Type } from '@sinclair/typebox';
import { ClockInstant } from '../../schemas.js';

export const CipTransmissionRequestBody = Type.Object(
  {
    requestReference: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-/]{0,127}$',
      description: "Commerce's reference for the request; one case per reference",
      examples: ['BIS-CIP-2026-0042'],
    }),
    cipOwner: Type.Union(
      [
        Type.Object({ type: Type.Literal('provider') }, { additionalProperties: false }),
        Type.Object(
          { type: Type.Literal('foreign-reseller'), resellerId: Type.String({ format: 'uuid', description: 'a reseller registered under /v1/resellers' }) },
          { additionalProperties: false },
        ),
      ],
      { description: "whose CIP Commerce requested: the provider's own or a foreign reseller's" },
    ),
    receivedAt: ClockInstant('when the provider received the request; the clock starts here'),
  },
  { additionalProperties: false },
);
