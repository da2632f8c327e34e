import { describe, expect, it } from 'vitest';
import { proposeOnlyMode } from '../../../core/approvals/proposeOnly.ts';

describe('proposeOnlyMode: the node switch or the credential switch', () => {
	it('is off when neither switch is on, and names no reason', () => {
		expect(proposeOnlyMode(false, false)).toEqual({ on: false, reason: null });
		expect(proposeOnlyMode(undefined, undefined)).toEqual({ on: false, reason: null });
	});
	it('is on by the node parameter alone', () => {
		const mode = proposeOnlyMode(true, false);
		expect(mode.on).toBe(true);
		expect(mode.reason).toMatch(/this node/);
	});
	it('is on by the credential switch even when the node says off, naming the site switch', () => {
		const mode = proposeOnlyMode(false, true);
		expect(mode.on).toBe(true);
		expect(mode.reason).toMatch(/credential/);
	});
	it('counts only a real boolean true, not a truthy string', () => {
		expect(proposeOnlyMode('true', 'yes').on).toBe(false);
	});
});
