// The lead-to-close metrics workflow of the issue-7 acceptance test, as n8n workflow JSON: a webhook
// receives one lead, the Lead Qualifier scores and routes it, Respond to Webhook answers the caller at
// once (route, execution id, events), an IF sends leads routed "review" to a real send-and-wait (Send
// Email, Approve / Decline buttons) whose answer the Autonomy Metrics node records as a human decision,
// and both branches end in Autonomy Metrics (Collect Events) → n8n's own Postgres node inserting into
// ltc_events with Skip on Conflict, through an imported `postgres` credential.
import type { CredentialFixture, WorkflowFixture } from '../../../scripts/n8n-instance.mts';

export const NODE = {
	webhook: 'Lead Webhook',
	split: 'One Lead',
	qualifier: 'Lead Qualifier',
	respond: 'Respond With Route',
	isReview: 'Needs Review?',
	approval: 'Ask Sales Lead',
	record: 'Record Human Decision',
	collect: 'Collect Events',
	store: 'Store Events',
} as const;

export interface PostgresTarget {
	host: string;
	port: number;
	database: string;
	user: string;
	/** pg-promise pool size; at most the embedded server's connection limit. */
	maxConnections: number;
}

export function postgresCredential(
	id: string,
	name: string,
	target: PostgresTarget,
): CredentialFixture {
	return {
		id,
		name,
		type: 'postgres',
		data: {
			...target,
			password: '',
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			sshTunnel: false,
		},
	};
}

export function smtpCredential(id: string, port: number): CredentialFixture {
	return {
		id,
		name: 'SMTP sink',
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: '127.0.0.1',
			port,
			secure: false,
			disableStartTls: true,
			hostName: 'n8n.test',
		},
	};
}

export interface MetricsWorkflowOptions {
	id: string;
	path: string;
	postgresCredential: { id: string; name: string };
	smtpCredential: { id: string; name: string };
	/** Score at or above which a lead is qualified without review. */
	qualifiedThreshold: number;
	/** The send-and-wait's "Limit Wait Time" in minutes (n8n allows two decimals); none = wait forever. */
	waitLimitMinutes?: number;
}

export function metricsWorkflow(options: MetricsWorkflowOptions): WorkflowFixture {
	const { id } = options;
	const at = (x: number, y = 0): [number, number] => [x * 220, y * 200];
	const link = (node: string, index = 0) => ({ node, type: 'main', index });
	return {
		id,
		name: `metrics acceptance ${id}`,
		nodes: [
			{
				id: `${id}-webhook`,
				name: NODE.webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: at(0),
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: options.path,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: `${id}-split`,
				name: NODE.split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: at(1),
				parameters: { fieldToSplitOut: 'body.leads', options: {} },
			},
			{
				id: `${id}-qualifier`,
				name: NODE.qualifier,
				type: 'n8n-nodes-lead-to-close.leadQualifier',
				typeVersion: 1,
				position: at(2),
				parameters: {
					referenceDate: '2026-11-01T00:00:00Z',
					qualifiedThreshold: options.qualifiedThreshold,
					nurtureThreshold: 40,
					options: {},
				},
			},
			{
				id: `${id}-respond`,
				name: NODE.respond,
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.4,
				position: at(3),
				parameters: {
					respondWith: 'json',
					responseBody:
						'={{ JSON.stringify({ executionId: $execution.id, lead: $json.lead.ref, route: $json.route, score: $json.score, events: $json._ltcEvents }) }}',
					options: {},
				},
			},
			{
				id: `${id}-if`,
				name: NODE.isReview,
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: at(4),
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: `${id}-route`,
								leftValue: '={{ $json.route }}',
								rightValue: 'review',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: `${id}-approval`,
				name: NODE.approval,
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				position: at(5, -1),
				webhookId: `${id}-approval-hook`,
				parameters: {
					operation: 'sendAndWait',
					fromEmail: 'pipeline@lead-to-close.test',
					toEmail: 'sales-lead@lead-to-close.test',
					subject: '=Review lead {{ $json.lead.ref }} (execution {{ $execution.id }})',
					message: '=Score {{ $json.score }}, grade {{ $json.grade }}, route {{ $json.route }}',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double' } },
					options:
						options.waitLimitMinutes === undefined
							? {}
							: {
									limitWaitTime: {
										values: {
											limitType: 'afterTimeInterval',
											resumeAmount: options.waitLimitMinutes,
											resumeUnit: 'minutes',
										},
									},
								},
				},
				credentials: { smtp: options.smtpCredential },
			},
			{
				id: `${id}-record`,
				name: NODE.record,
				type: 'n8n-nodes-lead-to-close.autonomyMetrics',
				typeVersion: 1,
				position: at(6, -1),
				parameters: { mode: 'recordHumanDecision', handoff: 'auto', options: { channel: 'email' } },
			},
			{
				id: `${id}-collect`,
				name: NODE.collect,
				type: 'n8n-nodes-lead-to-close.autonomyMetrics',
				typeVersion: 1,
				position: at(7),
				parameters: { mode: 'collect', output: 'rows' },
			},
			{
				id: `${id}-store`,
				name: NODE.store,
				type: 'n8n-nodes-base.postgres',
				typeVersion: 2.6,
				position: at(8),
				parameters: {
					operation: 'insert',
					schema: { __rl: true, mode: 'list', value: 'public' },
					table: { __rl: true, mode: 'name', value: 'ltc_events' },
					columns: {
						mappingMode: 'autoMapInputData',
						value: {},
						matchingColumns: [],
						schema: [],
						attemptToConvertTypes: false,
						convertFieldsToString: false,
					},
					options: { skipOnConflict: true },
				},
				credentials: { postgres: options.postgresCredential },
			},
		],
		connections: {
			[NODE.webhook]: { main: [[link(NODE.split)]] },
			[NODE.split]: { main: [[link(NODE.qualifier)]] },
			[NODE.qualifier]: { main: [[link(NODE.respond)]] },
			[NODE.respond]: { main: [[link(NODE.isReview)]] },
			[NODE.isReview]: { main: [[link(NODE.approval)], [link(NODE.collect)]] },
			[NODE.approval]: { main: [[link(NODE.record)]] },
			[NODE.record]: { main: [[link(NODE.collect)]] },
			[NODE.collect]: { main: [[link(NODE.store)]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveManualExecutions: true },
	};
}
