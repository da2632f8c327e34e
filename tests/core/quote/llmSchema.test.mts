// The LLM contract: the SKU is an enum of retrieved candidates, and every pick is re-checked in code.
import { describe, expect, it } from 'vitest';
import {
	buildCatalogIndex,
	pickQuantity,
	quoteLlmSchema,
	retrieveCandidates,
	UNMATCHED_SKU,
	validatePick,
} from '../../../core/quote';
import { catalogIndex, item } from './samples.mts';

describe('quoteLlmSchema', () => {
	const { schema, jsonSchema } = quoteLlmSchema(['1756-IB16', { sku: '1756-IB16D' }, '1756-IB16']);

	it('types the SKU as an enum of the candidates plus UNMATCHED, in the JSON schema too', () => {
		const pick = (
			jsonSchema as {
				properties: { picks: { items: { properties: { sku: { enum: string[] } } } } };
			}
		).properties.picks.items.properties.sku;
		expect(pick.enum).toEqual([UNMATCHED_SKU, '1756-IB16', '1756-IB16D']);
		expect(JSON.stringify(jsonSchema)).toContain('"required"');
	});

	it.each([
		[
			{
				picks: [{ requirement: 'R1', sku: '1756-IB16', qty: 2, rationale: 'named in the request' }],
			},
			true,
		],
		[{ picks: [{ requirement: 'R1', sku: 'UNMATCHED', qty: 1, rationale: 'nothing fits' }] }, true],
		[{ picks: [{ requirement: 'R1', sku: '1756-IB32', qty: 2, rationale: 'x' }] }, false],
		[{ picks: [{ requirement: 'R1', sku: '1756-IB16', qty: 0, rationale: 'x' }] }, false],
		[{ picks: [{ requirement: 'R1', sku: '1756-IB16', qty: 2 }] }, false],
	])('%j valid: %s', (answer, valid) => {
		expect(schema.safeParse(answer).success).toBe(valid);
	});

	it('builds from what retrieval found for a request', () => {
		const retrieval = retrieveCandidates(
			'2 Rosemount 3051CD range 2 and 40 hours of programming',
			catalogIndex,
			{
				candidates_per_requirement: 3,
			},
		);
		const candidates = retrieval.requirements.flatMap((r) => r.candidates.map((c) => c.item.sku));
		expect(candidates).toHaveLength(6);
		const { schema } = quoteLlmSchema(candidates);
		const answer = {
			picks: retrieval.requirements.map((r) => ({
				requirement: r.requirement.id,
				sku: r.candidates[0].item.sku,
				qty: r.requirement.qty,
				rationale: 'best match',
			})),
		};
		expect(schema.parse(answer).picks.map((p) => p.sku)).toEqual([
			'3051CD2A02A1AH2B4',
			'SRV-PLC-PROG',
		]);
	});

	it('still has a valid enum when retrieval found nothing', () => {
		const index = buildCatalogIndex([item({ sku: 'A-1', name: 'Widget' })]);
		const candidates = retrieveCandidates('3 hydraulic excavators', index).requirements.flatMap(
			(r) => r.candidates.map((c) => c.item.sku),
		);
		expect(quoteLlmSchema(candidates).schema.safeParse({ picks: [] }).success).toBe(true);
	});
});

describe('validatePick', () => {
	const candidates = ['1756-IB16', '1756-IB16D'];
	it.each([
		[{ requirement: 'R1', sku: '1756-IB16', qty: 2 }, 'accepted'],
		[{ requirement: 'R1', sku: 'UNMATCHED', qty: 1 }, 'unmatched'],
		[{ requirement: 'R1', sku: '1756-OB16E', qty: 2 }, 'rejected'],
		[{ requirement: 'R1', sku: '1756-IB16', qty: Number.POSITIVE_INFINITY }, 'rejected'],
		[{ requirement: 'R1', sku: '1756-IB16', qty: 1e9 }, 'rejected'],
		[{ requirement: 'R1', sku: '1756-IB16', qty: '2' }, 'rejected'],
		[{ sku: '1756-IB16', qty: 2 }, 'rejected'],
		['1756-IB16', 'rejected'],
	])('%j → %s', (pick, kind) => {
		expect(validatePick(pick, candidates).kind).toBe(kind);
	});
});

describe('pickQuantity', () => {
	const stated = { requirement: 'R1', qty: 24, uom: 'Hour', stated: true, asWritten: [1, 3] };
	const none = { requirement: 'R2', qty: 1, uom: 'Nos', stated: false, asWritten: [1] };
	it.each([
		['agrees with the request', 24, stated, { qty: 24, review: null, evidence: null }],
		[
			'the number as the buyer wrote it (3 days)',
			3,
			stated,
			{ qty: 24, review: null, evidence: null },
		],
		[
			'differs from a stated quantity',
			5000,
			stated,
			{
				qty: 24,
				review:
					"R1: the LLM pick's quantity 5000 differs from the 24 Hour the request reads; 24 kept",
				evidence: 'quantity 24 from the request (the LLM pick said 5000)',
			},
		],
		[
			'supplies a quantity the request does not state',
			4,
			none,
			{
				qty: 4,
				review: 'R2: quantity 4 Nos comes from the LLM pick; the request states none',
				evidence: 'quantity 4 from the LLM pick (the request states none)',
			},
		],
		['agrees with the assumed 1', 1, none, { qty: 1, review: null, evidence: null }],
	])('%s', (_name, qty, request, expected) => {
		expect(pickQuantity(qty, request)).toEqual(expected);
	});
});
