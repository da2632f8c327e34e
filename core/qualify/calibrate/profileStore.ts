// The versions of the scoring profile a workflow keeps (issue 20, ADR 0037): proposals from a
// backtest, the one applied, and every earlier one, so applying is an explicit step and any earlier
// version (or version 0, the node's own parameters) can be restored. Pure: the store is a plain
// object (n8n keeps it in the workflow's static data), each change returns a new store, `now` is given.
import { z } from 'zod/v4';

import { ScoringProfileSchema, type ScoringProfile } from './schema';

export const ProfileStoreSchema = z.strictObject({
	/** Version of the applied profile; 0 = none applied (the Lead Qualifier's own parameters). */
	active: z.int().min(0),
	versions: z.array(
		z.strictObject({
			profile: ScoringProfileSchema,
			proposedAt: z.string(),
			/** One paragraph from the backtest that proposed it. */
			summary: z.string(),
		}),
	),
	log: z.array(
		z.strictObject({
			at: z.string(),
			action: z.enum(['apply', 'restore']),
			version: z.int().min(0),
			previous: z.int().min(0),
		}),
	),
});
export type ProfileStore = z.infer<typeof ProfileStoreSchema>;

export const EMPTY_PROFILE_STORE: ProfileStore = { active: 0, versions: [], log: [] };

/** Reads a stored value; anything that is not a store (nothing stored yet, a damaged value) is an error. */
export function readProfileStore(value: unknown): ProfileStore {
	if (value === undefined || value === null) return EMPTY_PROFILE_STORE;
	const parsed = ProfileStoreSchema.safeParse(value);
	if (!parsed.success) {
		throw new Error(
			`the stored scoring profiles are not readable (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
		);
	}
	return parsed.data;
}

export function latestVersion(store: ProfileStore): number {
	return store.versions.reduce((max, entry) => Math.max(max, entry.profile.version), 0);
}

export function activeProfile(store: ProfileStore): ScoringProfile | null {
	return store.versions.find((entry) => entry.profile.version === store.active)?.profile ?? null;
}

/** Keeps a proposal under the next free version number (nothing is applied). */
export function addProposal(
	store: ProfileStore,
	profile: ScoringProfile,
	summary: string,
	now: Date,
): { store: ProfileStore; version: number } {
	const version = latestVersion(store) + 1;
	return {
		version,
		store: {
			...store,
			versions: [
				...store.versions,
				{ profile: { ...profile, version }, proposedAt: now.toISOString(), summary },
			],
		},
	};
}

function switchTo(
	store: ProfileStore,
	version: number,
	action: 'apply' | 'restore',
	now: Date,
): ProfileStore {
	if (version !== 0 && !store.versions.some((entry) => entry.profile.version === version)) {
		const known = store.versions.map((entry) => entry.profile.version).join(', ') || 'none';
		throw new Error(
			`scoring profile version ${version} does not exist (stored versions: ${known})`,
		);
	}
	return {
		...store,
		active: version,
		log: [...store.log, { at: now.toISOString(), action, version, previous: store.active }],
	};
}

/** Applies a stored version; the one applied before stays stored and restorable. */
export function applyVersion(store: ProfileStore, version: number, now: Date): ProfileStore {
	if (version === 0)
		throw new Error('version 0 is the node parameters; restore it instead of applying it');
	return switchTo(store, version, 'apply', now);
}

/**
 * Restores `version`, or without one the version that was active before the current one (0 = the
 * Lead Qualifier's own parameters).
 */
export function restoreVersion(
	store: ProfileStore,
	version: number | undefined,
	now: Date,
): ProfileStore {
	if (version !== undefined) return switchTo(store, version, 'restore', now);
	const last = [...store.log].reverse().find((entry) => entry.version === store.active);
	if (!last)
		throw new Error('there is no earlier scoring profile to restore: none has been applied');
	return switchTo(store, last.previous, 'restore', now);
}
