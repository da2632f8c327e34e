// Profile versions: a proposal is stored, applying is explicit, the earlier profile stays restorable.
import { describe, expect, it } from 'vitest';

import { defaultQualifyConfig } from '../../../../core/qualify';
import {
	EMPTY_PROFILE_STORE,
	activeProfile,
	addProposal,
	applyVersion,
	readProfileStore,
	restoreVersion,
	type ScoringProfile,
} from '../../../../core/qualify/calibrate';

const profile = (industry: number): ScoringProfile => ({
	version: 99,
	basis: 'test',
	weights: { ...defaultQualifyConfig.weights, industry },
	thresholds: defaultQualifyConfig.thresholds,
	grades: defaultQualifyConfig.grades,
	reasons: [],
});
const t = (n: number) => new Date(Date.UTC(2026, 0, n));

describe('profile store', () => {
	it('proposes, applies, restores the previous one and the parameters, and keeps every version', () => {
		let { store, version } = addProposal(EMPTY_PROFILE_STORE, profile(12), 'first', t(1));
		expect(version).toBe(1);
		expect(activeProfile(store)).toBeNull();
		({ store, version } = addProposal(store, profile(20), 'second', t(2)));
		expect(version).toBe(2);
		store = applyVersion(store, 1, t(3));
		expect(activeProfile(store)?.weights.industry).toBe(12);
		store = applyVersion(store, 2, t(4));
		expect(activeProfile(store)?.weights.industry).toBe(20);
		store = restoreVersion(store, undefined, t(5));
		expect(store.active).toBe(1);
		store = restoreVersion(store, 0, t(6));
		expect(activeProfile(store)).toBeNull();
		expect(store.versions.map((v) => v.profile.version)).toEqual([1, 2]);
		expect(store.log.map((e) => [e.action, e.version, e.previous])).toEqual([
			['apply', 1, 0],
			['apply', 2, 1],
			['restore', 1, 2],
			['restore', 0, 1],
		]);
		expect(readProfileStore(JSON.parse(JSON.stringify(store)))).toEqual(store);
	});

	it('names what is wrong', () => {
		expect(() => applyVersion(EMPTY_PROFILE_STORE, 3, t(1))).toThrow('scoring profile version 3 does not exist (stored versions: none)');
		expect(() => restoreVersion(EMPTY_PROFILE_STORE, undefined, t(1))).toThrow('there is no earlier scoring profile to restore: none has been applied');
		expect(() => readProfileStore({ active: 'x' })).toThrow(/the stored scoring profiles are not readable \(active:/);
		expect(readProfileStore(undefined)).toEqual(EMPTY_PROFILE_STORE);
	});
});
