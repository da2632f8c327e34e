// The ltc-… markers are locks kept in ERPNext and Mautic (core/markers.ts): records written by an
// earlier release carry them, so a maker must give the same marker for the same inputs forever (the
// golden values below were taken from the makers as they were before the registry), and no kind's
// pattern may match another kind's marker.
import { describe, expect, it } from 'vitest';

import {
	MARKER_PATTERNS,
	dealRiskMarker,
	findMarkers,
	markerKind,
	qualificationMarker,
	quotationMarker,
	approvalMarker,
	approvalNoticeMarker,
	leadReviewTaskKey,
	approvalPayload,
	riskTodoMarker,
	sendMarker,
	sequenceStopMarker,
	type MarkerKind,
} from '../../core/markers';

const target = { partyType: 'Lead', party: 'CRM-LEAD-2026-00001', company: 'Demo GmbH', requestText: '  4 x  1756-OB16E\n please ' };
const result = { score: 82, route: 'qualified', engine: 'rules', reasons: [{ factor: 'budget', points: 25 }, { factor: 'need', points: 30 }] };
const assessment = { riskScore: 70, level: 'high', signals: [{ code: 'close_date_passed', severity: 'high' }, { code: 'no_activity', severity: 'medium' }] };

const examples: Array<[MarkerKind, string, string]> = [
	['send', sendMarker('CRM-LEAD-2026-00001', 'Day 2', 'email'), 'ltc-day-2-email-8e349847ecd0'],
	['sequenceStop', sequenceStopMarker(12), 'ltc-stop-c12'],
	['quotation', quotationMarker(target), 'ltc-quote-de0efb702cbd3ba8e82cfca7'],
	['quotation', quotationMarker(target, 'msg-123'), 'ltc-quote-70155e21e98198eee7109335'],
	['qualification', qualificationMarker('CRM-LEAD-2026-00001', result), 'ltc-qualify-e5a916bd4a180f09'],
	['dealRisk', dealRiskMarker('CRM-OPP-2026-00042', assessment), 'ltc-deal-risk-1c4946fee5afb96b'],
	['riskTodo', riskTodoMarker('CRM-OPP-2026-00042', 'close_date_passed'), '[ltc-risk CRM-OPP-2026-00042 close_date_passed]'],
	['approval', approvalMarker('{"v":1}'), '[ltc-approval eyJ2IjoxfQ]'],
	['approvalNotice', approvalNoticeMarker('reminder', 'a1b2c3d4e5'), 'ltc-approval-reminder-a1b2c3d4e5'],
	['approvalNotice', approvalNoticeMarker('timeout', 'TODO-0001'), 'ltc-approval-timeout-TODO0001'],
	['approvalNotice', approvalNoticeMarker('applying', 'a1b2c3d4e5'), 'ltc-approval-applying-a1b2c3d4e5'],
	['approvalNotice', approvalNoticeMarker('applied', 'TODO-0001'), 'ltc-approval-applied-TODO0001'],
	['leadReviewTask', leadReviewTaskKey('CRM-LEAD-2026-00001', 2), 'ltc-lead-review-f412a3d1a087-2'],
];

describe('ltc markers', () => {
	it.each(examples)('%s marker is stable: %s', (kind, made, golden) => {
		expect(made).toBe(golden);
		expect(markerKind(made)).toBe(kind);
	});

	it('no pattern matches another kind, even for look-alike step names', () => {
		const tricky = [
			sendMarker('L-1', 'stop c1', 'sms'),
			sendMarker('L-1', 'quote', 'email'),
			sendMarker('L-1', 'deal risk', 'email'),
			sendMarker('L-1', 'qualify', 'sms'),
			sendMarker('L-1', '!!!', 'email'),
		];
		for (const m of [...examples.map((e) => e[1]), ...tricky]) {
			const kinds = Object.entries(MARKER_PATTERNS).filter(([, p]) => p.test(m)).map(([k]) => k);
			expect(kinds, m).toHaveLength(1);
		}
		expect(markerKind('ltc-something-else')).toBeNull();
	});

	it('an approval marker gives its payload back, whatever characters it holds', () => {
		const payload = JSON.stringify({ reason: '<b>"Ünïcode" & more</b>' });
		expect(approvalPayload(approvalMarker(payload))).toBe(payload);
		expect(approvalPayload('[ltc-risk X y]')).toBeUndefined();
	});

	it('a send marker is a safe Mautic tag: lower case, no spaces or commas, at most 39 characters', () => {
		const m = sendMarker('CRM-LEAD-2026-00001', 'A very long Step Name, with commas & Ümlauts', 'email');
		expect(m).toMatch(/^[a-z0-9-]+$/);
		expect(m.length).toBeLessThanOrEqual(39);
		expect(sendMarker('L', 'Day 2', 'email')).not.toBe(sendMarker('L', 'day_2', 'email'));
	});

	it('finds the markers of one kind inside a record text, and no other kind', () => {
		const risk = dealRiskMarker('CRM-OPP-1', assessment);
		const html = `<p>Risk high</p><p>[${risk}]</p><p>[${qualificationMarker('CRM-OPP-1', result)}]</p><p>[${riskTodoMarker('CRM-OPP-1', 'no_activity')}]</p>`;
		expect(findMarkers(html, 'dealRisk')).toEqual([risk]);
		expect(findMarkers(html, 'riskTodo')).toEqual(['[ltc-risk CRM-OPP-1 no_activity]']);
		expect(findMarkers('no markers here', 'send')).toEqual([]);
	});
});
