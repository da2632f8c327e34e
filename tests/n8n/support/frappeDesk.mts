// What the real-n8n desk tests of both Frappe apps share (support/frappeCrmPipeline.mts for Frappe CRM,
// support/erpNextDesk.mts for ERPNext): waiting until n8n has done something, and a person's save in
// the desk.
import type { N8nInstance } from '../../../scripts/n8n-instance.mts';
import { frappeTimestamp, type Doc, type ErpNextServer } from '../../contract/erpnext-server.mts';

/** Waits until `read` gives a value `done` accepts (n8n's log in the error when it gives up). */
export type Until = <T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs?: number) => Promise<T>;

export function untilOn(n8n: N8nInstance, defaultTimeoutMs = 120_000): Until {
	return async (what, read, done, timeoutMs = defaultTimeoutMs) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await read();
			if (done(value)) return value;
			if (Date.now() > deadline) throw new Error(`gave up waiting: ${what} (last: ${JSON.stringify(value).slice(0, 400)}); n8n log:\n${n8n.log().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	};
}

/** The time of a person's acts in the desk, and their saves. */
export interface DeskClock {
	/** Now as Frappe writes `modified` in `zone`, later than any earlier stamp of this clock. */
	stamp(zone: string): string;
	/** A save in the desk by `user`, now: the changes, `modified_by` and a new `modified`. */
	save(site: ErpNextServer, doctype: string, name: string, changes: Record<string, unknown>, user: string): Doc;
}

// The contract server's clock starts in January 2026 (or at a test's clockStart); a person acts now,
// after the AI did (its events carry the real time), so their saves carry today's time, each later than
// the one before (the triggers tell a new version of a document by its `modified`). What a desk save
// changes follows frappe/frappe v15 frappe/model/document.py `Document.save` → `set_user_and_timestamp`
// (`modified` = frappe.utils.now(), `modified_by` = the session user), in the site's time zone and layout
// (frappe/utils/data.py now_datetime, DATETIME_FORMAT "%Y-%m-%d %H:%M:%S.%f": the contract server's
// frappeTimestamp). The webhooks a save sends are the caller's (tests/support/frappeWebhookSender.mts).
export function deskClock(): DeskClock {
	let last = 0;
	const stamp = (zone: string) => {
		last = Math.max(Date.now(), last + 1000);
		return frappeTimestamp(last, zone);
	};
	return {
		stamp,
		save(site, doctype, name, changes, user) {
			site.state.dbSet(doctype, name, changes);
			return Object.assign(site.state.get(doctype, name)!, { modified_by: user, modified: stamp(site.state.settings.timeZone) });
		},
	};
}
