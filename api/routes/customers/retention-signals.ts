// Signals the API sends to an account's record-retention workflow (`record-retention:<accountId>`)
// after it has stored the fact in PostgreSQL. Names and payloads are shared with
// workflows/record-retention/messages.ts: payloads carry IDs and instants only.
import { defineSignal } from '@temporalio/workflow';

/** An access to the account was recorded: the retention clock restarts from `at` (ISO) if later. */
export const accountAccessedSignal = defineSignal<[{ at: string }]>('accountAccessed');
/** A legal hold was set on the account: no disposal while it is on. */
export const legalHoldSetSignal = defineSignal<[{ holdId: string }]>('legalHoldSet');
/** A legal hold was released. */
export const legalHoldReleasedSignal = defineSignal<[{ holdId: string }]>('legalHoldReleased');
