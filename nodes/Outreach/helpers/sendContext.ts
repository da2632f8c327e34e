// What one Send item carries through its jobs (step → recipient and consent → channel → compose →
// claim and send → log, one file each, listed in actions/message/send.operation.ts): the services, this
// execution's ledger of sends, and the item's notes, warnings and failed bookkeeping writes, which each
// job appends to and the item's outcome reports.
import type { INodeExecutionData } from 'n8n-workflow';

import type { MauticClient } from '../../../connectors/mautic';
import type { SentLogEntry } from '../../../core/outreach';
import type { Delivery } from './deliveries';
import type { RunInfo } from './itemOutput';
import type { SendRecord } from './sendRecord';
import type { SendRequest } from './sendRequest';

export interface LedgerEntry extends SentLogEntry {
	delivery: Delivery;
}

export interface SendDeps {
	/** Absent for a dry run or a hand-off logged in the system of record without a Mautic credential (issue 16). */
	mautic: MauticClient | undefined;
	/** The system of record (ERPNext or Frappe CRM) for consent and the sent-message log, when enabled. */
	record: SendRecord | undefined;
	run: RunInfo;
	/** What this execution sent (or would send, in a dry run), per lead/recipient group. */
	ledgers: Map<number, LedgerEntry[]>;
}

export type Outcome = { output: 0 | 1; item: INodeExecutionData };

/** A bookkeeping write that failed after the send; the send itself stands. */
export interface Bookkeeping {
	service: 'mautic' | 'erpnext' | 'frappe_crm';
	error: string;
}

/** One item on its way through the jobs. */
export interface SendItem {
	req: SendRequest;
	input: INodeExecutionData;
	/** Date.now() when the item started (metric durations only). */
	started: number;
	notes: string[];
	warnings: string[];
	bookkeeping: Bookkeeping[];
	/** This execution's sends to the item's lead or recipient group. */
	ledger: LedgerEntry[];
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
