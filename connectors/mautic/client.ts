// Mautic 5.x REST client (mautic.md) on the shared transport: the one public face of the connector, so
// a node builds one client and finds every call on it. Each job lives in its own file and this class
// only passes its MauticApi on: api.ts (auth, checked calls, paging), contactsApi.ts (contacts, tags,
// points, do-not-contact), sendingApi.ts (email and SMS sends), campaignsApi.ts (segments, campaigns,
// campaign copies), readsApi.ts (the API user, emails, catalogs, stats tables), timelineApi.ts (the
// contact timeline and engagement). What it handles that Mautic makes easy to get wrong: failures
// reported in `errors[]` on HTTP 200, SMS failures as 200 (one of them a double-encoded JSON string),
// id-keyed lists with string totals, start/limit/total paging, batches capped at 200, the API being
// disabled by default, and OAuth2 tokens that expire (renewed once, call repeated once). It never
// decides consent: the single-contact email send IGNORES do-not-contact, so callers check
// `isDoNotContact` first.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { fetchAdapter, n8nAdapter } from '../http';
import type { N8nHttpContext } from '../http';
import { MauticApi } from './api';
import type { MauticClientOptions, PageOptions, PaginateOptions } from './api';
import { n8nTokenRefresher } from './auth';
import type { CampaignSpec } from './campaign';
import * as campaigns from './campaignsApi';
import { isDoNotContact } from './contact';
import type { ContactInput, HasDoNotContact } from './contact';
import * as contacts from './contactsApi';
import * as reads from './readsApi';
import type * as schemas from './schemas';
import * as sending from './sendingApi';
import * as timeline from './timelineApi';

/** The credential type this package ships (credentials/LeadToCloseMauticApi.credentials.ts). */
export const MAUTIC_CREDENTIAL_TYPE = 'leadToCloseMauticApi';

export type MauticAuth =
	| { type: 'basic'; username: string; password: string }
	| { type: 'oauth2'; clientId: string; clientSecret: string };

export type MauticConnectOptions = Omit<MauticClientOptions, 'adapter' | 'secrets' | 'oauth'> & {
	auth: MauticAuth;
	/** Injected fetch for tests. */
	fetch?: typeof fetch;
};

function credentialString(credentials: ICredentialDataDecryptedObject, key: string): string {
	const value = credentials[key];
	return typeof value === 'string' ? value : '';
}

export class MauticClient {
	private readonly api: MauticApi;

	constructor(options: MauticClientOptions) {
		this.api = new MauticApi(options);
	}

	/** The Mautic URL without a trailing `/` or `/api`. */
	get baseUrl(): string {
		return this.api.baseUrl;
	}

	/** A client on global fetch for use outside n8n (scripts, benchmarks, tests). */
	static connect(options: MauticConnectOptions): MauticClient {
		const { auth, fetch: injectedFetch, ...rest } = options;
		if (auth.type === 'basic') {
			const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
			return new MauticClient({
				...rest,
				adapter: fetchAdapter({ headers: () => ({ Authorization: basic }), fetch: injectedFetch }),
				secrets: [auth.password, basic.slice('Basic '.length)],
			});
		}
		return new MauticClient({
			...rest,
			adapter: fetchAdapter({ fetch: injectedFetch }),
			oauth: { clientId: auth.clientId, clientSecret: auth.clientSecret },
		});
	}

	/**
	 * A client inside a node, from the decrypted `leadToCloseMauticApi` credential: n8n applies Basic
	 * auth or the credential's stored OAuth2 token, and an expired token is renewed through n8n.
	 */
	static forNode(
		context: N8nHttpContext,
		credentials: ICredentialDataDecryptedObject,
		options: Pick<MauticClientOptions, 'transport' | 'batchSize' | 'pageSize'> & {
			credentialType?: string;
		} = {},
	): MauticClient {
		const credentialType = options.credentialType ?? MAUTIC_CREDENTIAL_TYPE;
		const baseUrl = credentialString(credentials, 'baseUrl')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api$/, '');
		const oauth = credentials.authType === 'oAuth2ClientCredentials';
		return new MauticClient({
			baseUrl,
			adapter: n8nAdapter(context, credentialType),
			secrets: ['password', 'clientSecret', 'accessToken']
				.map((key) => credentialString(credentials, key))
				.filter(Boolean),
			transport: options.transport,
			batchSize: options.batchSize,
			pageSize: options.pageSize,
			...(oauth && { oauth: { refresh: n8nTokenRefresher(context, credentialType, baseUrl) } }),
		});
	}

	/** True when the contact is on the DNC list for `channel`; Mautic's single-contact send ignores it. */
	static isDoNotContact(contact: HasDoNotContact, channel: schemas.MauticChannel): boolean {
		return isDoNotContact(contact, channel);
	}

	isDoNotContact(contact: HasDoNotContact, channel: schemas.MauticChannel): boolean {
		return isDoNotContact(contact, channel);
	}

	apiUrl(path: string): string {
		return this.api.apiUrl(path);
	}

	/**
	 * Yields every row of a standard list (`{total, <key>: {...} | [...]}`), paging with start/limit
	 * until `total` is reached (or, without a total, a short page); see MauticApi.paginate.
	 */
	paginate<T>(
		path: string,
		listKey: string,
		itemSchema: z.ZodType<T>,
		options: PaginateOptions<T> = {},
	): AsyncGenerator<T> {
		return this.api.paginate(path, listKey, itemSchema, options);
	}

	/** The API user the credential acts as (the credential test call). */
	async whoAmI(): Promise<schemas.MauticUser> {
		return await reads.whoAmI(this.api);
	}

	// ---- contacts (contactsApi.ts) ----------------------------------------------------------------

	async upsertContact(input: ContactInput): Promise<contacts.UpsertResult> {
		return await contacts.upsertContact(this.api, input);
	}

	async upsertContacts(inputs: readonly ContactInput[]): Promise<contacts.BatchUpsertItem[]> {
		return await contacts.upsertContacts(this.api, inputs);
	}

	async getContact(contactId: number): Promise<schemas.MauticContact> {
		return await contacts.getContact(this.api, contactId);
	}

	listContacts(options: contacts.ContactListOptions = {}): AsyncGenerator<schemas.MauticContact> {
		return contacts.listContacts(this.api, options);
	}

	async findContactsByEmail(email: string): Promise<schemas.MauticContact[]> {
		return await contacts.findContactsByEmail(this.api, email);
	}

	async findContactByEmail(email: string): Promise<schemas.MauticContact | undefined> {
		return await contacts.findContactByEmail(this.api, email);
	}

	async editTags(
		contactId: number,
		changes: { add?: readonly string[]; remove?: readonly string[] },
	): Promise<schemas.MauticContact> {
		return await contacts.editTags(this.api, contactId, changes);
	}

	async addTags(contactId: number, tags: readonly string[]): Promise<schemas.MauticContact> {
		return await contacts.editTags(this.api, contactId, { add: tags });
	}

	async removeTags(contactId: number, tags: readonly string[]): Promise<schemas.MauticContact> {
		return await contacts.editTags(this.api, contactId, { remove: tags });
	}

	async adjustPoints(
		contactId: number,
		operation: contacts.PointsOperation,
		delta: number,
		options: contacts.PointsOptions = {},
	): Promise<void> {
		await contacts.adjustPoints(this.api, contactId, operation, delta, options);
	}

	async getDoNotContact(
		contactId: number,
		channel: schemas.MauticChannel,
	): Promise<schemas.DncEntry | undefined> {
		return await contacts.getDoNotContact(this.api, contactId, channel);
	}

	async addDoNotContact(
		contactId: number,
		channel: schemas.MauticChannel,
		options: contacts.DncAddOptions = {},
	): Promise<schemas.MauticContact> {
		return await contacts.addDoNotContact(this.api, contactId, channel, options);
	}

	async removeDoNotContact(
		contactId: number,
		channel: schemas.MauticChannel,
	): Promise<{ recordFound: boolean; contact: schemas.MauticContact }> {
		return await contacts.removeDoNotContact(this.api, contactId, channel);
	}

	// ---- sending (sendingApi.ts) ------------------------------------------------------------------

	/** IGNORES do-not-contact (Mautic sends it as transactional): check `isDoNotContact` first. */
	async sendEmail(
		emailId: number,
		contactId: number,
		options: sending.EmailSendOptions = {},
	): Promise<void> {
		await sending.sendEmail(this.api, emailId, contactId, options);
	}

	async sendSms(smsId: number, contactId: number): Promise<sending.SmsSendResult> {
		return await sending.sendSms(this.api, smsId, contactId);
	}

	async sendSegmentEmail(
		emailId: number,
		options: sending.SegmentEmailOptions = {},
	): Promise<{ sentCount: number; failedRecipients: number }> {
		return await sending.sendSegmentEmail(this.api, emailId, options);
	}

	// ---- campaigns and segments (campaignsApi.ts) -------------------------------------------------

	async addToCampaign(campaignId: number, contactId: number): Promise<void> {
		await campaigns.membership(this.api, 'campaigns', campaignId, contactId, 'add');
	}

	/** Removed contacts are flagged manually_removed: their scheduled events no longer run (§6). */
	async removeFromCampaign(campaignId: number, contactId: number): Promise<void> {
		await campaigns.membership(this.api, 'campaigns', campaignId, contactId, 'remove');
	}

	async addToSegment(segmentId: number, contactId: number): Promise<void> {
		await campaigns.membership(this.api, 'segments', segmentId, contactId, 'add');
	}

	async removeFromSegment(segmentId: number, contactId: number): Promise<void> {
		await campaigns.membership(this.api, 'segments', segmentId, contactId, 'remove');
	}

	async addContactsToSegment(
		segmentId: number,
		contactIds: readonly number[],
	): Promise<{ requests: number; added: number[]; failed: number[] }> {
		return await campaigns.addContactsToSegment(this.api, segmentId, contactIds);
	}

	async getCampaign(campaignId: number): Promise<schemas.MauticCampaign> {
		return await campaigns.getCampaign(this.api, campaignId);
	}

	async copyCampaign(
		templateId: number,
		options: { name?: string; isPublished?: boolean; segmentIds?: readonly number[] } = {},
	): Promise<campaigns.CampaignCopy> {
		return await campaigns.copyCampaign(this.api, templateId, options);
	}

	async deleteCampaign(campaignId: number): Promise<void> {
		await campaigns.deleteCampaign(this.api, campaignId);
	}

	async createCampaign(spec: CampaignSpec): Promise<schemas.MauticCampaign> {
		return await campaigns.createCampaign(this.api, spec);
	}

	// ---- reads (readsApi.ts) and the timeline (timelineApi.ts) -----------------------------------

	async getEmail(emailId: number): Promise<schemas.MauticEmail> {
		return await reads.getEmail(this.api, emailId);
	}

	async catalogPage(
		catalog: reads.MauticCatalog,
		options: reads.CatalogOptions & { start?: number; limit?: number } = {},
	): Promise<reads.CatalogPage> {
		return await reads.catalogPage(this.api, catalog, options);
	}

	listCatalog(
		catalog: reads.MauticCatalog,
		options: reads.CatalogOptions & PageOptions = {},
	): AsyncGenerator<schemas.MauticCatalogEntry> {
		return reads.listCatalog(this.api, catalog, options);
	}

	statsTable(table: string, options: reads.StatsOptions = {}): AsyncGenerator<schemas.StatRow> {
		return reads.statsTable(this.api, table, options);
	}

	emailStats(options: reads.EmailStatsOptions = {}): AsyncGenerator<schemas.StatRow> {
		return reads.emailStats(this.api, options);
	}

	contactActivity(
		contactId: number,
		options: timeline.ActivityOptions = {},
	): AsyncGenerator<schemas.ActivityEvent> {
		return timeline.contactActivity(this.api, contactId, options);
	}

	async engagement(
		contactId: number,
		options: { since?: string; limit?: number } = {},
	): Promise<timeline.Engagement> {
		return await timeline.engagement(this.api, contactId, options);
	}
}
