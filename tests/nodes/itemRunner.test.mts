// The one item runner (nodes/shared/itemRunner.ts): when an item fails with Continue On Fail off, no
// item starts after it and the ones in flight finish; with it on, the failing item is an error item on
// the error output and every other item runs once; groups keep their order; outputs keep input order.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Halt, runEach, runItems } from '../../nodes/shared/itemRunner';

const node = { name: 'Runner Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ctx = (continueOnFail: boolean) => ({ continueOnFail: () => continueOnFail, getNode: () => node }) as unknown as IExecuteFunctions;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Items 0..n-1; `failing` throw after `ms`; every item logs its start and end. */
function workload(failing: number[], ms = (i: number) => 5 + (i % 3) * 5) {
	const log: string[] = [];
	const work = async (i: number) => {
		log.push(`start ${i}`);
		await tick(ms(i));
		if (failing.includes(i)) {
			log.push(`fail ${i}`);
			throw new Error(`item ${i} is broken`);
		}
		log.push(`end ${i}`);
		return { output: i % 2, items: [{ json: { i } }] };
	};
	return { log, work };
}

describe('runItems', () => {
	it.each([
		{ concurrency: 1, failing: 2 },
		{ concurrency: 4, failing: 2 },
		{ concurrency: 4, failing: 5 },
		{ concurrency: 8, failing: 0 },
	])('Continue On Fail off, $concurrency at once, item $failing fails: nothing starts after it, the ones in flight end', async ({ concurrency, failing }) => {
		const { log, work } = workload([failing]);
		await expect(runItems(ctx(false), 20, { concurrency }, work)).rejects.toThrow(`item ${failing} is broken`);
		const failedAt = log.indexOf(`fail ${failing}`);
		expect(log.slice(failedAt + 1).filter((l) => l.startsWith('start'))).toEqual([]);
		// Every item that started, other than the failing one, ran to its end before the runner threw.
		const starts = log.filter((l) => l.startsWith('start')).map((l) => Number(l.split(' ')[1]));
		expect(starts.filter((i) => i !== failing && !log.includes(`end ${i}`))).toEqual([]);
		expect(starts.length).toBeLessThan(20);
	});

	it('Continue On Fail off: of two failures in flight, the earlier item is the one thrown', async () => {
		const { work } = workload([1, 3], (i) => (i === 3 ? 1 : 20));
		await expect(runItems(ctx(false), 8, { concurrency: 4 }, work)).rejects.toThrow('item 1 is broken');
	});

	it('Continue On Fail on: error items on the error output, every other item once, outputs in input order, paired', async () => {
		const { log, work } = workload([2, 5]);
		const out = await runItems(ctx(true), 8, { concurrency: 3, outputs: 3, errorOutput: 2 }, work);
		expect(out[0].map((x) => x.json.i)).toEqual([0, 4, 6]);
		expect(out[1].map((x) => x.json.i)).toEqual([1, 3, 7]);
		expect(out[2].map((x) => [x.json.error, x.pairedItem])).toEqual([
			['item 2 is broken', { item: 2 }],
			['item 5 is broken', { item: 5 }],
		]);
		expect(out[0].concat(out[1]).map((x) => x.pairedItem)).toEqual(expect.arrayContaining([{ item: 0 }, { item: 7 }]));
		expect(log.filter((l) => l.startsWith('start'))).toHaveLength(8);
	});

	it('runs the items of a group one after another, in the given order', async () => {
		const log: string[] = [];
		const work = async (i: number) => {
			log.push(`start ${i}`);
			await tick(i === 0 ? 15 : 1);
			log.push(`end ${i}`);
			return { json: { i } };
		};
		const [out] = await runItems(ctx(false), 4, { concurrency: 4, groups: [[0, 2], [1, 3]] }, work);
		expect(log.indexOf('start 2')).toBeGreaterThan(log.indexOf('end 0'));
		expect(log.indexOf('start 3')).toBeGreaterThan(log.indexOf('end 1'));
		expect(out.map((x) => x.json.i)).toEqual([0, 1, 2, 3]);
	});

	it('gives an item that failed before the loop its error item (also outside the groups)', async () => {
		const [out] = await runItems(ctx(true), 3, { concurrency: 2, groups: [[0], [2]], failed: new Map([[1, new Error('Email "x" is not an address')]]) }, async (i) => ({ json: { i } }));
		expect(out.map((x) => x.json.error ?? x.json.i)).toEqual([0, 'Email "x" is not an address', 2]);
	});
});

describe('runEach with a shared Halt', () => {
	it('a failure in one loop keeps the next loop from starting anything', async () => {
		const halt = new Halt();
		await expect(runEach(ctx(false), 3, { concurrency: 1, halt }, async (i) => { if (i === 1) throw new Error('page 1'); return i; }, () => -1)).rejects.toThrow('page 1');
		const started: number[] = [];
		await expect(runEach(ctx(false), 3, { concurrency: 1, halt }, async (i) => { started.push(i); return i; }, () => -1)).rejects.toThrow('page 1');
		expect(started).toEqual([]);
	});
});
