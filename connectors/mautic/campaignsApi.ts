// Mautic segments and campaigns (mautic.md §6): one contact in or out of a campaign or segment, many
// contacts into a segment in batches of at most 200, and campaigns read, created, deleted and copied
// from a template. What a faithful copy is (steps, segments, forms, settings) is decided in campaign.ts.
import { z } from 'zod/v4';

import { chunks, requireId, truthy, anyBody } from './api';
import type { MauticApi } from './api';
import { copyCampaignSpec, copyDifferences, prepareCampaign } from './campaign';
import type { CampaignSpec } from './campaign';
import { CampaignEnvelopeSchema, SuccessSchema } from './schemas';
import type { MauticCampaign } from './schemas';

export interface CampaignCopy {
	/** The template as it was read. */
	template: MauticCampaign;
	/** The new campaign, read back after creation. */
	campaign: MauticCampaign;
}

/** PHP turns an empty details array into `[]`. */
const SegmentAddSchema = z.looseObject({
	details: z
		.union([
			z.record(z.string(), z.looseObject({ success: z.unknown().optional() })),
			z.array(z.unknown()).length(0),
		])
		.transform(
			(value): Record<string, { success?: unknown }> => (Array.isArray(value) ? {} : value),
		)
		.optional(),
});

/**
 * Adds (`add`) or removes (`remove`) one contact. A contact removed from a campaign is flagged
 * manually_removed: its scheduled events no longer run (§6).
 */
export async function membership(
	api: MauticApi,
	kind: 'campaigns' | 'segments',
	id: number,
	contactId: number,
	action: 'add' | 'remove',
): Promise<void> {
	await api.call(
		{
			method: 'POST',
			url: api.apiUrl(
				`${kind}/${requireId(id, kind === 'campaigns' ? 'campaignId' : 'segmentId')}/contact/${requireId(contactId, 'contactId')}/${action}`,
			),
			idempotent: true,
		},
		SuccessSchema,
	);
}

/**
 * POST /api/segments/{id}/contacts/add `{ids}` in chunks of at most 200. Mautic answers 200 whatever
 * happened to each contact, with `details: {<id>: {success}}` (mautic/mautic 5.1.0
 * ListApiController::addLeadsAction: a contact that is missing or not editable by the API user is
 * `success: false`); those contacts come back in `failed`, and a contact missing from the details
 * counts as failed too.
 */
export async function addContactsToSegment(
	api: MauticApi,
	segmentId: number,
	contactIds: readonly number[],
): Promise<{ requests: number; added: number[]; failed: number[] }> {
	requireId(segmentId, 'segmentId');
	const ids = [...new Set(contactIds.map((id) => requireId(id, 'contactId')))];
	let requests = 0;
	const added: number[] = [];
	const failed: number[] = [];
	for (const chunk of chunks(ids, api.batchSize)) {
		const { body } = await api.call(
			{
				method: 'POST',
				url: api.apiUrl(`segments/${segmentId}/contacts/add`),
				body: { ids: chunk },
				idempotent: true,
			},
			SegmentAddSchema,
		);
		requests += 1;
		const details = body.details ?? {};
		for (const id of chunk) {
			if (truthy(details[String(id)]?.success)) added.push(id);
			else failed.push(id);
		}
	}
	return { requests, added, failed };
}

export async function getCampaign(api: MauticApi, campaignId: number): Promise<MauticCampaign> {
	const { body } = await api.call(
		{ method: 'GET', url: api.apiUrl(`campaigns/${requireId(campaignId, 'campaignId')}`) },
		CampaignEnvelopeSchema,
	);
	return body.campaign;
}

/**
 * A new campaign with the template's steps, segments, forms and settings, checked after creation.
 * Mautic's POST /api/campaigns/clone/{id} is not used: it copies no events, segments or forms
 * (mautic/mautic 5.1.0 CampaignApiController::cloneCampaignAction, Campaign::__clone). Instead the
 * template is read and rebuilt through POST /api/campaigns/new (`copyCampaignSpec`); a copy that
 * comes back different is deleted again and reported, so no half-made campaign is left behind
 * (unless the delete fails too, which the error says).
 */
export async function copyCampaign(
	api: MauticApi,
	templateId: number,
	options: { name?: string; isPublished?: boolean; segmentIds?: readonly number[] } = {},
): Promise<CampaignCopy> {
	const template = await getCampaign(api, requireId(templateId, 'templateId'));
	const name = options.name?.trim() || `${template.name ?? `Campaign ${template.id}`} (copy)`;
	const spec = copyCampaignSpec(template, {
		name,
		isPublished: options.isPublished ?? false,
		segmentIds: options.segmentIds,
	});
	const copy = await createCampaign(api, spec);
	// The answer to /new is the saved entity; read it back the way an enrolment will see it.
	let differences: string[];
	let stored: MauticCampaign | undefined;
	try {
		stored = await getCampaign(api, copy.id);
		differences = copyDifferences(template, stored, options.segmentIds);
	} catch (error) {
		differences = [
			`a copy that could not be read back (${error instanceof Error ? error.message : String(error)})`,
		];
	}
	if (stored && differences.length === 0) return { template, campaign: stored };
	let cleanup = `Campaign ${copy.id} was deleted again.`;
	try {
		await deleteCampaign(api, copy.id);
	} catch (error) {
		cleanup = `Deleting campaign ${copy.id} failed too (${error instanceof Error ? error.message : String(error)}); delete it in Mautic.`;
	}
	throw api.error({
		status: 200,
		code: 'copy_incomplete',
		message: `Mautic's copy of campaign ${template.id} is not faithful: it has ${differences.join('; ')}. ${cleanup}`,
		request: { method: 'POST', url: api.apiUrl('campaigns/new') },
	});
}

/** DELETE /api/campaigns/{id}/delete (Mautic marks the campaign deleted). */
export async function deleteCampaign(api: MauticApi, campaignId: number): Promise<void> {
	await api.call(
		{
			method: 'DELETE',
			url: api.apiUrl(`campaigns/${requireId(campaignId, 'campaignId')}/delete`),
			idempotent: true,
		},
		anyBody,
	);
}

/** Creates a campaign after `prepareCampaign`'s checks (email.send defaults to marketing). */
export async function createCampaign(api: MauticApi, spec: CampaignSpec): Promise<MauticCampaign> {
	const { body } = await api.call(
		{ method: 'POST', url: api.apiUrl('campaigns/new'), body: prepareCampaign(spec) },
		CampaignEnvelopeSchema,
	);
	return body.campaign;
}
