// Replays every recorded history (test/replay/histories) against today's workflow code: a
// change that would make a running workflow non-deterministic fails here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { HISTORIES_DIR, readHistory } from '../test/helpers/history.js';
import { quietTemporalLogs } from '../test/helpers/quiet-logs.js';
import { testDataConverter, workflowBundle } from '../test/helpers/workflow-env.js';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.history.pb')).sort();

describe('replay of recorded workflow histories', () => {
  it('has histories of every workflow to replay', () => {
    const types = new Set(files.map((f) => f.split('--')[0]));
    expect([...types].sort()).toEqual([
      'aiTrainingReportWorkflow',
      'beneficialOwnerReverificationWorkflow',
      'cipCertificationScheduleWorkflow',
      'cipCertificationWorkflow',
      'cipDutyResumptionWorkflow',
      'cipTransmissionWorkflow',
      'complianceAssessmentWorkflow',
      'customerIdentificationWorkflow',
      'exemptionWorkflow',
      'interimAccountReviewWorkflow',
      'irregularUpdateWorkflow',
      'recordRetentionWorkflow',
      'resellerTerminationWorkflow',
      'specialMeasureImpactReviewWorkflow',
      'specialMeasureWorkflow',
    ]);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    quietTemporalLogs();
    const { workflowId, history } = readHistory(join(HISTORIES_DIR, file));
    // Throws DeterminismViolationError (or another failure) if the code no longer fits the history.
    // With the codec: histories recorded before encryption (plain payloads) pass through it.
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }, history, workflowId);
  });
});
