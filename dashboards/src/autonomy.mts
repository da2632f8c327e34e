// "Lead-to-Close Autonomy": how much of the pipeline runs without a person, and what it produces.
// 16 panels over `ltc_events` and its views (dashboards/schema.sql). Autonomy % follows the decision
// point rule of docs/metrics.md (view `ltc_decision_points`). "Today" panels use the panel time
// override `now/d`; every other panel follows the dashboard range. The SQL uses Grafana's macros only
// and never the session time zone, so it returns the same rows on any server setting.
import {
	DashboardBuilder,
	DashboardCursorSync,
	type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import {
	BarGaugeDisplayMode,
	BarGaugeValueMode,
	BigValueColorMode,
	BigValueGraphMode,
	GraphDrawStyle,
	LegendDisplayMode,
	LegendPlacement,
	ReduceDataOptionsBuilder,
	StackingConfigBuilder,
	StackingMode,
	VizLegendOptionsBuilder,
	VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as GaugePanel } from '@grafana/grafana-foundation-sdk/gauge';
import {
	PanelBuilder as PiePanel,
	PieChartLabels,
	PieChartLegendOptionsBuilder,
	PieChartLegendValues,
	PieChartType,
} from '@grafana/grafana-foundation-sdk/piechart';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

import { DS, datasourceVariable, query, thresholds } from './datasource.mts';
import { sql } from './postgres-query.mts';

export const AUTONOMY_UID = 'ltc-autonomy';

const TODAY = 'now/d';
const lastValue = (): ReduceDataOptionsBuilder => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
const everyRow = (field: string): ReduceDataOptionsBuilder =>
	new ReduceDataOptionsBuilder().values(true).calcs([]).fields(`/^${field}$/`);

function countToday(id: number, title: string, description: string, rawSql: string, x: number, w: number): StatPanel {
	return new StatPanel()
		.id(id)
		.title(title)
		.description(description)
		.datasource(DS)
		.gridPos({ x, y: 0, w, h: 4 })
		.timeFrom(TODAY)
		.unit('short')
		.decimals(0)
		.noValue('0')
		.thresholds(thresholds('blue'))
		.colorMode(BigValueColorMode.Value)
		.graphMode(BigValueGraphMode.None)
		.reduceOptions(lastValue())
		.withTarget(query(rawSql));
}

const AUTONOMY_STEPS: Array<[number, string]> = [
	[50, 'orange'],
	[80, 'green'],
];

export function autonomyDashboard(): Dashboard {
	return (
		new DashboardBuilder('Lead-to-Close Autonomy')
			.uid(AUTONOMY_UID)
			.description('How much of the lead-to-close pipeline runs without a person, and what it produces. Source: ltc_events (n8n-nodes-lead-to-close).')
			.tags(['lead-to-close', 'autonomy'])
			.editable()
			.tooltip(DashboardCursorSync.Crosshair)
			.time({ from: 'now-7d', to: 'now' })
			.timezone('browser')
			.refresh('5m')
			.withVariable(datasourceVariable())

			// ---- row 1: headline numbers --------------------------------------------------------------
			.withPanel(
				new StatPanel()
					.id(1)
					.title('Autonomy (all decisions)')
					.description('Decision points taken with no human review, approval or hand-off, as a share of all decision points whose first decision falls in the range (docs/metrics.md).')
					.datasource(DS)
					.gridPos({ x: 0, y: 0, w: 6, h: 4 })
					.unit('percent')
					.decimals(1)
					.min(0)
					.max(100)
					.thresholds(thresholds('red', ...AUTONOMY_STEPS))
					.colorMode(BigValueColorMode.Value)
					.graphMode(BigValueGraphMode.None)
					.reduceOptions(lastValue())
					.withTarget(
						query(sql`
							SELECT (100.0 * count(*) FILTER (WHERE autonomous) / NULLIF(count(*), 0))::double precision AS "Autonomy"
							FROM ltc_decision_points
							WHERE $__timeFilter(decided_at)
						`),
					),
			)
			.withPanel(
				countToday(2, 'Leads today', 'Distinct leads that entered the pipeline today.', sql`
					SELECT count(DISTINCT lead_ref) AS "Leads"
					FROM ltc_events
					WHERE step = 'lead_intake' AND $__timeFilter(occurred_at)
				`, 6, 4),
			)
			.withPanel(
				countToday(3, 'Quotes today', 'Quotations created in ERPNext today (auto-approved or approved by a person).', sql`
					SELECT count(DISTINCT quote_ref) AS "Quotes"
					FROM ltc_events
					WHERE step = 'quote' AND outcome = 'created' AND $__timeFilter(occurred_at)
				`, 10, 4),
			)
			.withPanel(
				countToday(4, 'Emails today', 'Emails sent by outreach and nurture sequences today.', sql`
					SELECT count(*) AS "Emails"
					FROM ltc_events
					WHERE step = 'outreach' AND channel = 'email' AND outcome = 'sent' AND $__timeFilter(occurred_at)
				`, 14, 4),
			)
			.withPanel(
				countToday(12, 'SMS today', 'Text messages sent today.', sql`
					SELECT count(*) AS "SMS"
					FROM ltc_events
					WHERE step = 'outreach' AND channel = 'sms' AND outcome = 'sent' AND $__timeFilter(occurred_at)
				`, 18, 3),
			)
			.withPanel(
				countToday(13, 'Calls & hand-offs today', 'Deals handed to a person today (a call or another channel the pipeline does not automate).', sql`
					SELECT count(*) AS "Hand-offs"
					FROM ltc_events
					WHERE decision = 'handoff' AND $__timeFilter(occurred_at)
				`, 21, 3),
			)

			// ---- row 2: flow over time ----------------------------------------------------------------
			.withPanel(
				new TimeseriesPanel()
					.id(5)
					.title('Lead qualification scores')
					.description('Scores given to leads (0–100) by the rules or the rules with Claude, no human: average and 90th percentile per interval.')
					.datasource(DS)
					.gridPos({ x: 0, y: 4, w: 12, h: 8 })
					.interval('6h')
					.unit('none')
					.min(0)
					.max(100)
					.decimals(0)
					.lineWidth(2)
					.fillOpacity(10)
					.spanNulls(true)
					.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true).calcs(['mean']))
					.withTarget(
						query(sql`
							SELECT $__timeGroupAlias(occurred_at, $__interval),
							       avg(score) AS "Average score",
							       percentile_cont(0.9) WITHIN GROUP (ORDER BY score) AS "p90 score"
							FROM ltc_events
							WHERE step = 'qualify' AND actor <> 'human' AND score IS NOT NULL AND $__timeFilter(occurred_at)
							GROUP BY 1
							ORDER BY 1
						`, 'A', 'time_series'),
					),
			)
			.withPanel(
				new TimeseriesPanel()
					.id(6)
					.title('Communication activity by channel')
					.description('Messages sent and calls handed to a person, per channel and interval.')
					.datasource(DS)
					.gridPos({ x: 12, y: 4, w: 12, h: 8 })
					.interval('1h')
					.unit('short')
					.decimals(0)
					.drawStyle(GraphDrawStyle.Bars)
					.fillOpacity(80)
					.stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
					.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true).calcs(['sum']))
					.withTarget(
						query(sql`
							SELECT $__timeGroupAlias(occurred_at, $__interval),
							       channel AS metric,
							       count(*) AS value
							FROM ltc_events
							WHERE step = 'outreach' AND (outcome = 'sent' OR decision = 'handoff') AND $__timeFilter(occurred_at)
							GROUP BY 1, 2
							ORDER BY 1, channel COLLATE "C"
						`, 'A', 'time_series'),
					),
			)

			// ---- row 3: mix, conversion, autonomy per step --------------------------------------------
			.withPanel(
				new PiePanel()
					.id(8)
					.title('Channel mix')
					.description('Share of outbound contacts per channel in the range.')
					.datasource(DS)
					.gridPos({ x: 0, y: 12, w: 6, h: 8 })
					.unit('short')
					.pieType(PieChartType.Donut)
					.displayLabels([PieChartLabels.Percent])
					.reduceOptions(everyRow('Contacts'))
					.legend(
						new PieChartLegendOptionsBuilder()
							.displayMode(LegendDisplayMode.Table)
							.placement(LegendPlacement.Right)
							.showLegend(true)
							.values([PieChartLegendValues.Value, PieChartLegendValues.Percent]),
					)
					.withTarget(
						query(sql`
							SELECT channel AS "Channel", count(*) AS "Contacts"
							FROM ltc_events
							WHERE step = 'outreach' AND (outcome = 'sent' OR decision = 'handoff') AND $__timeFilter(occurred_at)
							GROUP BY channel
							ORDER BY 2 DESC, channel COLLATE "C"
						`),
					),
			)
			.withPanel(
				new GaugePanel()
					.id(9)
					.title('Quote → won conversion (30 days)')
					.description('Quotes created in the last 30 days that were won by the end of the range.')
					.datasource(DS)
					.gridPos({ x: 6, y: 12, w: 5, h: 8 })
					.timeFrom('30d')
					.unit('percent')
					.decimals(1)
					.min(0)
					.max(100)
					.thresholds(thresholds('red', [15, 'orange'], [25, 'green']))
					.showThresholdMarkers(true)
					.reduceOptions(lastValue())
					.withTarget(
						query(sql`
							SELECT (100.0 * count(*) FILTER (WHERE won_at <= $__timeTo()) / NULLIF(count(*), 0))::double precision AS "Quote → won"
							FROM ltc_quotes
							WHERE $__timeFilter(created_at)
						`),
					),
			)
			.withPanel(
				new StatPanel()
					.id(11)
					.title('Email open rate')
					.description('Unique opens reported by Mautic ÷ emails sent, in the range.')
					.datasource(DS)
					.gridPos({ x: 11, y: 12, w: 5, h: 8 })
					.unit('percent')
					.decimals(1)
					.min(0)
					.max(100)
					.thresholds(thresholds('red', [20, 'orange'], [35, 'green']))
					.colorMode(BigValueColorMode.Value)
					.graphMode(BigValueGraphMode.None)
					.reduceOptions(lastValue())
					.withTarget(
						query(sql`
							SELECT (100.0 * count(*) FILTER (WHERE step = 'engagement' AND outcome = 'opened')
							        / NULLIF(count(*) FILTER (WHERE step = 'outreach' AND outcome = 'sent'), 0))::double precision AS "Open rate"
							FROM ltc_events
							WHERE channel = 'email' AND step IN ('outreach', 'engagement') AND $__timeFilter(occurred_at)
						`),
					),
			)
			.withPanel(
				new BarGaugePanel()
					.id(15)
					.title('Autonomy by step')
					.description('Share of each step\'s decision points taken with no person involved.')
					.datasource(DS)
					.gridPos({ x: 16, y: 12, w: 8, h: 8 })
					.unit('percent')
					.decimals(0)
					.min(0)
					.max(100)
					.thresholds(thresholds('red', ...AUTONOMY_STEPS))
					.orientation(VizOrientation.Horizontal)
					.displayMode(BarGaugeDisplayMode.Gradient)
					.valueMode(BarGaugeValueMode.Color)
					.showUnfilled(true)
					.reduceOptions(everyRow('Autonomy'))
					.withTarget(
						query(sql`
							SELECT step AS "Step",
							       (100.0 * count(*) FILTER (WHERE autonomous) / count(*))::double precision AS "Autonomy"
							FROM ltc_decision_points
							WHERE $__timeFilter(decided_at)
							GROUP BY step
							ORDER BY step COLLATE "C"
						`),
					),
			)

			// ---- row 4: speed -------------------------------------------------------------------------
			.withPanel(
				new TimeseriesPanel()
					.id(10)
					.title('Quote generation time')
					.description('Time from request to a drafted quote decision (rules or Claude, no human), median and 90th percentile.')
					.datasource(DS)
					.gridPos({ x: 0, y: 20, w: 12, h: 8 })
					.interval('6h')
					.unit('ms')
					.min(0)
					.lineWidth(2)
					.spanNulls(true)
					.thresholds(thresholds('green', [30000, 'orange'], [60000, 'red']))
					.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true).calcs(['mean', 'max']))
					.withTarget(
						query(sql`
							SELECT $__timeGroupAlias(occurred_at, $__interval),
							       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS "p50",
							       percentile_cont(0.9) WITHIN GROUP (ORDER BY duration_ms) AS "p90"
							FROM ltc_events
							WHERE step = 'quote' AND actor <> 'human' AND decision IS NOT NULL AND duration_ms IS NOT NULL
							  AND $__timeFilter(occurred_at)
							GROUP BY 1
							ORDER BY 1
						`, 'A', 'time_series'),
					),
			)
			.withPanel(
				new TimeseriesPanel()
					.id(16)
					.title('Response times by step')
					.description('Median time to a decision per step and actor: processing time for AI and system decisions, time to answer for people.')
					.datasource(DS)
					.gridPos({ x: 12, y: 20, w: 12, h: 8 })
					.interval('1d')
					.unit('ms')
					.min(0)
					.lineWidth(2)
					.spanNulls(true)
					.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.Table).placement(LegendPlacement.Right).showLegend(true).calcs(['mean']))
					.withTarget(
						query(sql`
							SELECT $__timeGroupAlias(occurred_at, $__interval),
							       step || ' · ' || actor AS metric,
							       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS value
							FROM ltc_events
							WHERE decision IS NOT NULL AND duration_ms IS NOT NULL AND $__timeFilter(occurred_at)
							GROUP BY 1, 2
							ORDER BY 1, (step || ' · ' || actor) COLLATE "C"
						`, 'A', 'time_series'),
					),
			)

			// ---- row 5: what is running ---------------------------------------------------------------
			.withPanel(
				new TablePanel()
					.id(7)
					.title('Recent workflow runs')
					.description('The 50 most recent n8n executions that recorded events in the range.')
					.datasource(DS)
					.gridPos({ x: 0, y: 28, w: 14, h: 9 })
					.unit('short')
					.overrideByName('Span', [{ id: 'unit', value: 'ms' }])
					.overrideByName('LLM cost', [{ id: 'unit', value: 'currencyUSD' }, { id: 'decimals', value: 4 }])
					.overrideByName('Started', [{ id: 'unit', value: 'dateTimeAsIso' }])
					.withTarget(
						query(sql`
							SELECT started_at AS "Started",
							       workflow AS "Workflow",
							       execution_id AS "Execution",
							       decisions AS "Decisions",
							       human_events AS "Human",
							       errors AS "Errors",
							       (extract(epoch FROM last_event_at - started_at) * 1000)::double precision AS "Span",
							       cost_usd AS "LLM cost"
							FROM ltc_runs
							WHERE $__timeFilter(started_at)
							ORDER BY started_at DESC, execution_id COLLATE "C" DESC
							LIMIT 50
						`),
					),
			)
			.withPanel(
				new TablePanel()
					.id(14)
					.title('Active sequences')
					.description('Leads enrolled in a nurture sequence that had not replied, exited or completed by the end of the range.')
					.datasource(DS)
					.gridPos({ x: 14, y: 28, w: 10, h: 9 })
					.unit('short')
					.overrideByName('Enrolled', [{ id: 'unit', value: 'dateTimeFromNow' }])
					.overrideByName('Last touch', [{ id: 'unit', value: 'dateTimeFromNow' }])
					.withTarget(
						query(sql`
							WITH latest AS (
							  SELECT DISTINCT ON (lead_ref) lead_ref, workflow, decision, occurred_at
							  FROM ltc_events
							  WHERE step = 'sequence' AND decision IS NOT NULL AND lead_ref IS NOT NULL
							    AND occurred_at <= $__timeTo()
							  ORDER BY lead_ref, occurred_at DESC, decision COLLATE "C"
							)
							SELECT l.lead_ref AS "Lead",
							       l.workflow AS "Sequence",
							       l.occurred_at AS "Enrolled",
							       count(t.occurred_at) AS "Touches",
							       max(t.occurred_at) AS "Last touch"
							FROM latest l
							LEFT JOIN ltc_events t
							  ON t.lead_ref = l.lead_ref AND t.step = 'outreach' AND t.outcome = 'sent'
							 AND t.occurred_at >= l.occurred_at AND t.occurred_at <= $__timeTo()
							WHERE l.decision = 'enroll'
							GROUP BY l.lead_ref, l.workflow, l.occurred_at
							ORDER BY max(t.occurred_at) DESC NULLS LAST, l.lead_ref COLLATE "C"
							LIMIT 50
						`),
					),
			)
			.build()
	);
}
