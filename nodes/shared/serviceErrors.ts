// Converts what connectors and the core throw into n8n's error types at the node boundary, with the
// item index, so the editor shows which item failed, which service refused it and why (status, the
// service's own code, its decoded messages) — never a secret, never a bare "Bad request".
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { ServiceError, TransportError } from '../../connectors/http';

export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ServiceError) {
		const messages = error.details?.messages ?? [];
		const description = [
			messages.length ? messages.join('\n') : undefined,
			error.code ? `${error.service} error code: ${error.code}` : undefined,
			error.attempts > 1 ? `Gave up after ${error.attempts} attempts.` : undefined,
			error.details?.issues?.length
				? `Unexpected response shape: ${error.details.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
				: undefined,
		]
			.filter(Boolean)
			.join('\n');
		const response: JsonObject = {
			service: error.service,
			kind: error.kind,
			message: error.message,
			// Not under `code`: NodeApiError would swap our message for its generic text for network codes.
			...(error.code ? { serviceCode: error.code } : {}),
			...(error.status ? { httpCode: String(error.status) } : {}),
		};
		return new NodeApiError(node, response, {
			// The connector's message already names the service, status, code and request path.
			message: error.message,
			description: description || undefined,
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex,
		});
	}
	if (error instanceof TransportError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
