// Where a workflow keeps its scoring profiles (issue 20, ADR 0037): the workflow's global static
// data, which n8n saves after every production execution (webhook, schedule, form) and never after a
// manual one. The Lead Score Calibration node proposes, applies and restores versions there; the Lead
// Qualifier of the same workflow reads the applied one when Scoring Profile is "Applied Profile".
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	activeProfile,
	readProfileStore,
	type ProfileStore,
	type ScoringProfile,
} from '../../core/qualify/calibrate';

export const PROFILE_STORE_KEY = 'ltcScoringProfiles';

export function loadProfileStore(ctx: IExecuteFunctions): ProfileStore {
	const data = ctx.getWorkflowStaticData('global');
	try {
		return readProfileStore(data[PROFILE_STORE_KEY]);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Workflow static data: ${(error as Error).message}`,
		);
	}
}

export function saveProfileStore(ctx: IExecuteFunctions, store: ProfileStore): void {
	const data = ctx.getWorkflowStaticData('global');
	data[PROFILE_STORE_KEY] = store as unknown as IDataObject;
}

/** True when n8n will keep what this execution writes to static data (not a manual run). */
export function profileChangesKept(ctx: IExecuteFunctions): boolean {
	return ctx.getMode() !== 'manual';
}

export function appliedProfile(ctx: IExecuteFunctions): ScoringProfile | null {
	return activeProfile(loadProfileStore(ctx));
}
