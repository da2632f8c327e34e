// Public surface of the Anthropic connector.
export {
	ANTHROPIC_CREDENTIAL_TYPE,
	AnthropicClient,
	DEFAULT_ANTHROPIC_VERSION,
	dataNotice,
	escapeDataTag,
} from './client';
export { DEFAULT_CLAUDE_MODEL, askClaude } from './ask';
export type { AskClaude, ClaudeAnswer, Verdict } from './ask';
export type { AnthropicClientOptions, MessageRequest, MessageResult } from './client';
export { classifyAnthropicRetry, decodeAnthropicError } from './errors';
export { toOutputJsonSchema } from './outputSchema';
export { MODEL_PRICES, costUsd, modelPrice } from './pricing';
export type { ModelPrice, TokenUsage } from './pricing';
export { MessageResponseSchema, UsageSchema } from './schemas';
export type { MessageResponse, Usage } from './schemas';
export { AnthropicError } from '../http';
