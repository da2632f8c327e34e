// The node-boundary error conversion keeps the connector's own message (service, request, why it was
// or was not retried) for network failures; n8n's NodeApiError would otherwise replace it with a
// generic text for codes such as ECONNRESET (found by tests/reliability, KNOWN-FAILING-network-error-message).
import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { ErpNextError } from '../../connectors/http';
import { toNodeError } from '../../nodes/shared/serviceErrors';

const node: INode = { id: 'n', name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [0, 0], parameters: {} };

describe('toNodeError', () => {
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])('keeps the service message for a network %s', (code) => {
		const message = 'ERPNext POST /api/resource/Comment failed: the connection was closed unexpectedly; not retried because the request may have reached the server and is not idempotent';
		const err = toNodeError(node, new ErpNextError({ kind: 'network', code, message, status: undefined }), 3);
		expect(err.message).toBe(message);
		expect(err.description).toContain(`ERPNext error code: ${code}`);
	});

	it('keeps status and decoded messages for an HTTP refusal', () => {
		const err = toNodeError(node, new ErpNextError({ kind: 'http', status: 417, code: 'MandatoryError', message: 'ERPNext 417 MandatoryError: Value missing for Lead: Email', details: { messages: ['Value missing for Lead: Email'] } }), 0);
		expect(err.message).toBe('ERPNext 417 MandatoryError: Value missing for Lead: Email');
		expect(err.description).toContain('Value missing for Lead: Email');
	});
});
