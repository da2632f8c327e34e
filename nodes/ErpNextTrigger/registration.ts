// The trigger's Webhook documents in ERPNext (erpnext.md §5): find every Webhook pointing at this
// node's URL (ours by stored name, orphans left by a crash or a lost static data by URL), register one
// per selected event, and remove them by disabling first (`on_update` clears Frappe's cached webhook
// map; whether a delete does is unconfirmed) and then deleting. Needs the System Manager role.
import { z } from 'zod/v4';

import { ErpNextError, type ErpNextClient } from '../../connectors/erpnext';
import { webhookDoc, type DocEvent, type TriggerConfig } from './webhookDoc';
import type { TriggerState } from './triggerState';

export const REQUIRED_ROLE = 'System Manager';

const WebhookRowSchema = z.looseObject({
	name: z.string(),
	webhook_doctype: z.string().nullish(),
	webhook_docevent: z.string().nullish(),
	enabled: z.union([z.number(), z.boolean(), z.string()]).nullish(),
	request_url: z.string().nullish(),
});
export type WebhookRow = z.infer<typeof WebhookRowSchema>;

/** Every Webhook whose request_url is `url`. */
export async function webhooksAt(client: ErpNextClient, url: string): Promise<WebhookRow[]> {
	return await client.listAll(
		'Webhook',
		{
			fields: ['name', 'webhook_doctype', 'webhook_docevent', 'enabled', 'request_url'],
			filters: [['request_url', '=', url]],
			pageSize: 100,
		},
		WebhookRowSchema,
	);
}

function isEnabled(value: WebhookRow['enabled']): boolean {
	return value === 1 || value === true || value === '1';
}

/**
 * True when ERPNext holds exactly the webhooks this state describes, all enabled, one per selected
 * event of the selected doctype, with nothing else at the URL, and the state was made for this config.
 */
export function registrationIsCurrent(
	rows: WebhookRow[],
	state: TriggerState,
	config: TriggerConfig,
	url: string,
	fingerprint: string,
): boolean {
	if (!state.secretId || state.webhookNames.length === 0) return false;
	if (state.webhookUrl !== url || state.fingerprint !== fingerprint) return false;
	if (rows.length !== state.webhookNames.length) return false;
	const names = new Set(state.webhookNames);
	if (
		!rows.every(
			(r) => names.has(r.name) && isEnabled(r.enabled) && r.webhook_doctype === config.doctype,
		)
	)
		return false;
	const events = rows.map((r) => r.webhook_docevent ?? '').sort();
	return JSON.stringify(events) === JSON.stringify([...config.events].sort());
}

function isMissing(error: unknown): boolean {
	return error instanceof ErpNextError && error.status === 404;
}

/**
 * Disables, then deletes each named Webhook; one already gone counts as removed. Stops at the first
 * other failure, reporting what was removed and what is left.
 */
export async function removeWebhooks(
	client: ErpNextClient,
	names: readonly string[],
): Promise<{ removed: string[]; left: string[]; error?: unknown }> {
	const removed: string[] = [];
	const failure = (error: unknown): unknown => error;
	for (const [i, name] of names.entries()) {
		const disableError = await client
			.update('Webhook', name, { enabled: 0 }, { requiredRole: REQUIRED_ROLE })
			.then(() => undefined, failure);
		const error =
			disableError !== undefined && !isMissing(disableError)
				? disableError
				: await client
						.delete('Webhook', name, { ignoreMissing: true, requiredRole: REQUIRED_ROLE })
						.then(() => undefined, failure);
		if (error !== undefined) return { removed, left: names.slice(i), error };
		removed.push(name);
	}
	return { removed, left: [] };
}

/**
 * Inserts one Webhook per event. If one is refused, those already made are removed again before the
 * error is passed on, so a failed activation leaves nothing behind.
 */
export async function registerWebhooks(
	client: ErpNextClient,
	config: TriggerConfig,
	url: string,
	secret: string,
): Promise<string[]> {
	const names: string[] = [];
	for (const event of config.events as DocEvent[]) {
		const result = await client
			.insert('Webhook', webhookDoc(config, event, url, secret), { requiredRole: REQUIRED_ROLE })
			.then(
				(doc) => ({ name: doc.name, error: undefined }),
				(error: unknown) => ({ name: undefined, error }),
			);
		if (result.name === undefined) {
			await removeWebhooks(client, names);
			throw result.error;
		}
		names.push(result.name);
	}
	return names;
}
