// "Send to Claude": the one PII-minimisation switch every AI-assisted node offers (ADR 0008). The
// parameter's name, values and default live here, so the four nodes cannot drift apart; each node
// words what "minimal" and "all" mean for its own prompt.
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_CLAUDE_MODEL } from '../../connectors/anthropic';

export type ClaudeData = 'minimal' | 'all';

interface Choice {
	name: string;
	description: string;
}

export function claudeDataProperty(opts: {
	displayOptions: IDisplayOptions;
	minimal: Choice;
	all: Choice;
	description: string;
}): INodeProperties {
	return {
		displayName: 'Send to Claude',
		name: 'claudeData',
		type: 'options',
		noDataExpression: true,
		displayOptions: opts.displayOptions,
		options: [
			{ name: opts.minimal.name, value: 'minimal', description: opts.minimal.description },
			{ name: opts.all.name, value: 'all', description: opts.all.description },
		],
		default: 'minimal',
		description: opts.description,
	};
}

/** The node's choice; anything but an explicit "all" is "minimal" (the safe default). */
export function readClaudeData(ctx: IExecuteFunctions, claudeOn: boolean): ClaudeData {
	return claudeOn && ctx.getNodeParameter('claudeData', 0, 'minimal') === 'all' ? 'all' : 'minimal';
}

/** The Anthropic model a node asks, shown with the switch that turns Claude on. */
export function claudeModelProperty(
	displayOptions: IDisplayOptions,
	model: string = DEFAULT_CLAUDE_MODEL,
): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: model,
		displayOptions,
		description: `Anthropic model ID, e.g. ${DEFAULT_CLAUDE_MODEL} or claude-sonnet-4-5`,
	};
}
