// What the Lead Qualifier hands to a desk review (issue 19, ADR 0039): for a lead routed to review, the
// route the AI proposes a person accepts; in propose-only mode (the node's Propose Only parameter or the
// ERPNext credential's switch, core/approvals/proposeOnly.ts) every lead goes to review with the AI
// field values it did not write, so the Desk Approval node can show them on the ToDo and apply them once
// when the person accepts.
import type { IDataObject } from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
import { proposedRoute } from '../../core/approvals/leadDecision';
import type { ProposeOnlyMode } from '../../core/approvals/proposeOnly';
import type { QualificationResult, QualifyConfig } from '../../core/qualify';
import { aiFieldValues } from './erpnextWriteBack';

/** The `proposal` of a review item: the route to accept and, in propose-only mode, the unwritten values. */
export async function reviewProposal(
	result: QualificationResult,
	config: QualifyConfig,
	mode: ProposeOnlyMode,
	erp: ErpNextClient | undefined,
	scoredAt: Date,
): Promise<IDataObject | undefined> {
	if (!mode.on && result.route !== 'review') return undefined;
	const route = proposedRoute(result.route, result.score, config.thresholds);
	if (!mode.on || !erp) return { route, fields: null, proposeOnly: null };
	const { custom_ai_reasons, ...head } = aiFieldValues(result);
	return {
		route,
		// The values writeBack would write, in its order.
		fields: {
			...head,
			custom_ai_scored_at: await erp.toFrappeDatetime(scoredAt),
			custom_ai_reasons,
		},
		proposeOnly: mode.reason,
	};
}

/** In propose-only mode the lead waits for a person: routed to review, whatever the AI's route was. */
export function proposedRouteReason(result: QualificationResult, mode: ProposeOnlyMode): string {
	return `review instead of ${result.route} (score ${result.score}): ${mode.reason ?? 'propose-only mode is on'}`;
}
