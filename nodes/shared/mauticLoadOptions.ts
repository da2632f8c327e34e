// Dropdowns filled from Mautic (issue 16): emails, text messages, campaigns and segments, searched by
// name with the node's Lead-to-Close Mautic credential, one page of 50 per call (the editor asks for
// the next page as the list is scrolled). A field built with `mauticLocator` offers the list, the ID
// (also from an expression) and the URL of the item's page in Mautic. Read the chosen value with
// `mauticLocatorId` (nodes/Outreach/helpers/parameters.ts), which also takes the plain numbers of
// workflows saved before the dropdowns.
import {
	NodeOperationError,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import {
	MAUTIC_CREDENTIAL_TYPE,
	MauticClient,
	type MauticCatalog,
	type MauticCatalogEntry,
} from '../../connectors/mautic';
import { toNodeError } from './serviceErrors';

/** Rows per page of a dropdown. */
const PAGE = 50;

interface CatalogView {
	/** What the dropdown lists, for messages ("emails"). */
	plural: string;
	/** Only published ones (Mautic refuses to send an unpublished email or text message). */
	publishedOnly: boolean;
	/** The item's page in Mautic's UI (`/s/<path>/view/{id}`: the bundles' Config/config.php routes). */
	uiPath: string;
	/** The option's name. */
	label: (entry: MauticCatalogEntry) => string;
}

const VIEWS: Record<MauticCatalog, CatalogView> = {
	emails: {
		plural: 'emails',
		publishedOnly: true,
		uiPath: 'emails',
		label: (e) => (e.subject && e.subject !== e.name ? `${e.name} — ${e.subject}` : e.name),
	},
	smses: { plural: 'text messages', publishedOnly: true, uiPath: 'sms', label: (e) => e.name },
	campaigns: {
		plural: 'campaigns',
		publishedOnly: false,
		uiPath: 'campaigns',
		label: (e) => (e.isPublished === false ? `${e.name} (unpublished)` : e.name),
	},
	segments: {
		plural: 'segments',
		publishedOnly: false,
		uiPath: 'segments',
		label: (e) => (e.isPublished === false ? `${e.name} (unpublished)` : e.name),
	},
};

function startOf(token: string | undefined): number {
	const n = token ? Number(token) : 0;
	return Number.isInteger(n) && n > 0 ? n : 0;
}

async function clientFor(ctx: ILoadOptionsFunctions, view: CatalogView): Promise<MauticClient> {
	let credentials;
	try {
		credentials = await ctx.getCredentials(MAUTIC_CREDENTIAL_TYPE);
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose a "Lead-to-Close Mautic API" credential to list the Mautic ${view.plural}`,
			{ description: 'Or give the ID shown in Mautic (an expression works too).' },
		);
	}
	return MauticClient.forNode(ctx, credentials);
}

async function search(
	ctx: ILoadOptionsFunctions,
	catalog: MauticCatalog,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const view = VIEWS[catalog];
	const client = await clientFor(ctx, view);
	try {
		const page = await client.catalogPage(catalog, {
			search: filter,
			publishedOnly: view.publishedOnly,
			start: startOf(paginationToken),
			limit: PAGE,
		});
		const base = client.apiUrl('').replace(/\/api\/$/, '');
		return {
			results: page.items.map((entry) => ({
				name: `${view.label(entry)} (#${entry.id})`,
				value: String(entry.id),
				url: `${base}/s/${view.uiPath}/view/${entry.id}`,
			})),
			paginationToken: page.nextStart === undefined ? undefined : String(page.nextStart),
		};
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
}

export async function searchMauticEmails(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'emails', filter, paginationToken);
}

export async function searchMauticSms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'smses', filter, paginationToken);
}

export async function searchMauticCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'campaigns', filter, paginationToken);
}

export async function searchMauticSegments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'segments', filter, paginationToken);
}

/** Enough for any real list of segments for a multi-select; a longer one is cut there. */
const MAX_OPTIONS = 500;

/** Every segment by name (page by page), for a multi-select: "Hot leads (#3)" → 3. */
export async function getMauticSegments(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const view = VIEWS.segments;
	const client = await clientFor(this, view);
	try {
		const options: INodePropertyOptions[] = [];
		for await (const entry of client.listCatalog('segments', { limit: MAX_OPTIONS }))
			options.push({ name: `${view.label(entry)} (#${entry.id})`, value: entry.id });
		return options;
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
}

/** The list-search method of each catalog, by the name `mauticLocator` refers to. */
export const mauticListSearch = {
	searchMauticEmails,
	searchMauticSms,
	searchMauticCampaigns,
	searchMauticSegments,
};

const METHODS: Record<MauticCatalog, keyof typeof mauticListSearch> = {
	emails: 'searchMauticEmails',
	smses: 'searchMauticSms',
	campaigns: 'searchMauticCampaigns',
	segments: 'searchMauticSegments',
};

/**
 * A Mautic item picker: From List (searchable), By ID (a whole number, or an expression), By URL (the
 * item's page in Mautic, e.g. …/s/emails/view/12). Empty by default: nothing is chosen for the user.
 */
export function mauticLocator(
	catalog: MauticCatalog,
	property: Pick<INodeProperties, 'displayName' | 'name' | 'description'> &
		Partial<INodeProperties>,
): INodeProperties {
	const view = VIEWS[catalog];
	const what = view.plural.replace(/s$/, '');
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}…`,
				typeOptions: { searchListMethod: METHODS[catalog], searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[1-9][0-9]*\\s*$',
							errorMessage: `Not a Mautic ${what} ID (a whole number such as 12)`,
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://mautic.example.com/s/${view.uiPath}/view/12`,
				extractValue: { type: 'regex', regex: `/s/${view.uiPath}/(?:view|edit)/([0-9]+)` },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `.*/s/${view.uiPath}/(?:view|edit)/[0-9]+.*`,
							errorMessage: `Not the URL of a Mautic ${what} (…/s/${view.uiPath}/view/<id>)`,
						},
					},
				],
			},
		],
		...property,
	};
}
