// "Lead-to-Close Pipeline Health": what needs attention — deal-risk signals, the human review queue,
// how sure the AI is about its quotes, what the LLM costs, and which external service is failing.
// Queue panels are evaluated at the end of the range ($__timeTo()), never at the database clock, so
// the numbers are reproducible for any range.
import { DashboardBuilder, DashboardCursorSync, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
	AxisPlacement,
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
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

import { DS, datasourceVariable, query, thresholds } from './datasource.mts';
import { sql } from './postgres-query.mts';

export const PIPELINE_HEALTH_UID = 'ltc-pipeline-health';

const lastValue = (): ReduceDataOptionsBuilder => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
const everyRow = (field: string): ReduceDataOptionsBuilder =>
	new ReduceDataOptionsBuilder().values(true).calcs([]).fields(`/^${field}$/`);

/** Reviews requested at or before the end of the range and not answered (or timed out) by then. */
const PENDING_REVIEWS = sql`
	SELECT review_requested_at, step
	FROM ltc_decision_points
	WHERE review_requested_at <= $__timeTo()
	  AND (review_resolved_at IS NULL OR review_resolved_at > $__timeTo())
`;

export function pipelineHealthDashboard(): Dashboard {
	return new DashboardBuilder('Lead-to-Close Pipeline Health')
		.uid(PIPELINE_HEALTH_UID)
		.description('Deal-risk signals, the human review queue, quote confidence, LLM spend and service errors. Source: ltc_events (n8n-nodes-lead-to-close).')
		.tags(['lead-to-close', 'health'])
		.editable()
		.tooltip(DashboardCursorSync.Crosshair)
		.time({ from: 'now-7d', to: 'now' })
		.timezone('browser')
		.refresh('5m')
		.withVariable(datasourceVariable())

		// ---- row 1: risk and queue --------------------------------------------------------------------
		.withPanel(
			new TimeseriesPanel()
				.id(1)
				.title('Deal-risk signals by severity')
				.description('Signals raised by the deal-risk watch (no reply, quote expiring, stalled, amount reduced…), per severity. Hand-offs (a deal sent for review, values proposed to the owner) and the owners\' decisions are counted under Pending reviews and Human decisions instead.')
				.datasource(DS)
				.gridPos({ x: 0, y: 0, w: 12, h: 8 })
				.interval('1d')
				.unit('short')
				.decimals(0)
				.drawStyle(GraphDrawStyle.Bars)
				.fillOpacity(80)
				.stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
				.overrideByName('high', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }])
				.overrideByName('medium', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'orange' } }])
				.overrideByName('low', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'yellow' } }])
				.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true).calcs(['sum']))
				.withTarget(
					query(sql`
						SELECT $__timeGroupAlias(occurred_at, $__interval),
						       outcome AS metric,
						       count(*) AS value
						FROM ltc_events
						WHERE step = 'deal_risk' AND decision IS NOT NULL AND $__timeFilter(occurred_at)
						  AND actor <> 'human' AND decision NOT IN ('review', 'handoff')
						GROUP BY 1, 2
						ORDER BY 1, outcome COLLATE "C"
					`, 'A', 'time_series'),
				),
		)
		.withPanel(
			new StatPanel()
				.id(2)
				.title('Pending reviews')
				.description('Decisions waiting for a person at the end of the range.')
				.datasource(DS)
				.gridPos({ x: 12, y: 0, w: 4, h: 4 })
				.unit('short')
				.decimals(0)
				.noValue('0')
				.thresholds(thresholds('green', [5, 'orange'], [15, 'red']))
				.colorMode(BigValueColorMode.Background)
				.graphMode(BigValueGraphMode.None)
				.reduceOptions(lastValue())
				.withTarget(
					query(sql`
						SELECT count(*) AS "Pending"
						FROM (
						  ${PENDING_REVIEWS}
						) AS pending
					`),
				),
		)
		.withPanel(
			new StatPanel()
				.id(3)
				.title('Oldest pending review')
				.description('Age of the longest-waiting review at the end of the range.')
				.datasource(DS)
				.gridPos({ x: 12, y: 4, w: 4, h: 4 })
				.unit('s')
				.decimals(0)
				.noValue('none pending')
				.thresholds(thresholds('green', [4 * 3600, 'orange'], [24 * 3600, 'red']))
				.colorMode(BigValueColorMode.Background)
				.graphMode(BigValueGraphMode.None)
				.reduceOptions(lastValue())
				.withTarget(
					query(sql`
						SELECT extract(epoch FROM $__timeTo()::timestamptz - min(review_requested_at))::double precision AS "Oldest"
						FROM (
						  ${PENDING_REVIEWS}
						) AS pending
					`),
				),
		)
		.withPanel(
			new BarGaugePanel()
				.id(4)
				.title('Review queue age')
				.description('Pending reviews by how long they have been waiting, at the end of the range.')
				.datasource(DS)
				.gridPos({ x: 16, y: 0, w: 8, h: 8 })
				.unit('short')
				.decimals(0)
				.min(0)
				.thresholds(thresholds('green', [3, 'orange'], [8, 'red']))
				.orientation(VizOrientation.Horizontal)
				.displayMode(BarGaugeDisplayMode.Basic)
				.valueMode(BarGaugeValueMode.Color)
				.showUnfilled(true)
				.reduceOptions(everyRow('Pending'))
				.withTarget(
					query(sql`
						WITH pending AS (
						  ${PENDING_REVIEWS}
						)
						SELECT b.label AS "Waiting", count(p.review_requested_at) AS "Pending"
						FROM (VALUES (1, '< 1 h', interval '0 hours', interval '1 hour'),
						             (2, '1–4 h', interval '1 hour', interval '4 hours'),
						             (3, '4–24 h', interval '4 hours', interval '24 hours'),
						             (4, '1–3 days', interval '24 hours', interval '72 hours'),
						             (5, '> 3 days', interval '72 hours', NULL)) AS b(ord, label, lo, hi)
						LEFT JOIN pending p
						  ON $__timeTo()::timestamptz - p.review_requested_at >= b.lo
						 AND (b.hi IS NULL OR $__timeTo()::timestamptz - p.review_requested_at < b.hi)
						GROUP BY b.ord, b.label
						ORDER BY b.ord
					`),
				),
		)

		// ---- row 2: quotes and the LLM ----------------------------------------------------------------
		.withPanel(
			new BarGaugePanel()
				.id(5)
				.title('Quote confidence distribution')
				.description('Machine quote decisions (rules or Claude) in the range by their confidence; low confidence goes to review.')
				.datasource(DS)
				.gridPos({ x: 0, y: 8, w: 8, h: 8 })
				.unit('short')
				.decimals(0)
				.min(0)
				.thresholds(thresholds('blue'))
				.orientation(VizOrientation.Vertical)
				.displayMode(BarGaugeDisplayMode.Basic)
				.valueMode(BarGaugeValueMode.Text)
				.showUnfilled(false)
				.reduceOptions(everyRow('Quotes'))
				.withTarget(
					query(sql`
						SELECT b.label AS "Confidence", count(q.confidence) AS "Quotes"
						FROM (VALUES (1, '< 0.50', 0.0, 0.5),
						             (2, '0.50–0.65', 0.5, 0.65),
						             (3, '0.65–0.75', 0.65, 0.75),
						             (4, '0.75–0.85', 0.75, 0.85),
						             (5, '0.85–0.95', 0.85, 0.95),
						             (6, '≥ 0.95', 0.95, 1.01)) AS b(ord, label, lo, hi)
						LEFT JOIN ltc_events q
						  ON q.step = 'quote' AND q.actor <> 'human' AND q.decision IS NOT NULL
						 AND q.confidence >= b.lo AND q.confidence < b.hi
						 AND $__timeFilter(q.occurred_at)
						GROUP BY b.ord, b.label
						ORDER BY b.ord
					`),
				),
		)
		.withPanel(
			new TimeseriesPanel()
				.id(6)
				.title('LLM tokens and cost')
				.description('Input and output tokens sent to the model per interval (left axis) and what they cost (right axis).')
				.datasource(DS)
				.gridPos({ x: 8, y: 8, w: 12, h: 8 })
				.interval('6h')
				.unit('short')
				.min(0)
				.drawStyle(GraphDrawStyle.Bars)
				.fillOpacity(60)
				.overrideByName('Cost (USD)', [
					{ id: 'unit', value: 'currencyUSD' },
					{ id: 'custom.drawStyle', value: 'line' },
					{ id: 'custom.axisPlacement', value: AxisPlacement.Right },
					{ id: 'decimals', value: 2 },
				])
				.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true).calcs(['sum']))
				.withTarget(
					query(sql`
						SELECT $__timeGroupAlias(occurred_at, $__interval),
						       sum(tokens_in) AS "Input tokens",
						       sum(tokens_out) AS "Output tokens",
						       sum(cost_usd) AS "Cost (USD)"
						FROM ltc_events
						WHERE (tokens_in IS NOT NULL OR tokens_out IS NOT NULL OR cost_usd IS NOT NULL)
						  AND $__timeFilter(occurred_at)
						GROUP BY 1
						ORDER BY 1
					`, 'A', 'time_series'),
				),
		)
		.withPanel(
			new StatPanel()
				.id(7)
				.title('LLM cost in range')
				.description('Total model spend in the range.')
				.datasource(DS)
				.gridPos({ x: 20, y: 8, w: 4, h: 8 })
				.unit('currencyUSD')
				.decimals(2)
				.thresholds(thresholds('green', [50, 'orange'], [200, 'red']))
				.colorMode(BigValueColorMode.Value)
				.graphMode(BigValueGraphMode.None)
				.reduceOptions(lastValue())
				.withTarget(
					query(sql`
						SELECT coalesce(sum(cost_usd), 0)::double precision AS "Cost"
						FROM ltc_events
						WHERE cost_usd IS NOT NULL AND $__timeFilter(occurred_at)
					`),
				),
		)

		// ---- row 3: errors ----------------------------------------------------------------------------
		.withPanel(
			new TimeseriesPanel()
				.id(8)
				.title('Errors and retries by service')
				.description('Failed calls to ERPNext, InvenTree, Mautic and the model: retried (recovered) and errors (gave up).')
				.datasource(DS)
				.gridPos({ x: 0, y: 16, w: 12, h: 8 })
				.interval('1d')
				.unit('short')
				.decimals(0)
				.drawStyle(GraphDrawStyle.Bars)
				.fillOpacity(80)
				.stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
				.legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.Table).placement(LegendPlacement.Right).showLegend(true).calcs(['sum']))
				.withTarget(
					query(sql`
						SELECT "time", metric, count(*) AS value
						FROM (
						  SELECT $__timeGroupAlias(occurred_at, $__interval),
						         coalesce(service, 'n8n') || ' ' || CASE WHEN outcome = 'retry' THEN 'retries' ELSE 'errors' END AS metric
						  FROM ltc_events
						  WHERE error IS NOT NULL AND $__timeFilter(occurred_at)
						) AS failures
						GROUP BY 1, 2
						ORDER BY 1, metric COLLATE "C"
					`, 'A', 'time_series'),
				),
		)
		.withPanel(
			new TablePanel()
				.id(9)
				.title('Recent errors')
				.description('The 20 most recent failed calls, with the service\'s own message.')
				.datasource(DS)
				.gridPos({ x: 12, y: 16, w: 12, h: 8 })
				.overrideByName('Time', [{ id: 'unit', value: 'dateTimeAsIso' }])
				.withTarget(
					query(sql`
						SELECT occurred_at AS "Time",
						       coalesce(service, 'n8n') AS "Service",
						       outcome AS "Outcome",
						       step AS "Step",
						       workflow AS "Workflow",
						       execution_id AS "Execution",
						       error AS "Error"
						FROM ltc_events
						WHERE error IS NOT NULL AND $__timeFilter(occurred_at)
						ORDER BY occurred_at DESC, execution_id COLLATE "C" DESC, id DESC
						LIMIT 20
					`),
				),
		)
		// ---- row 4: people's decisions, wherever they were taken (issue 19) -----------------------------
		.withPanel(
			new TablePanel()
				.id(10)
				.title('Human decisions by channel')
				.description('Approvals and rejections by a person in the range, by where they were taken (desk = the ERPNext record, email or chat = n8n send-and-wait): overrides are rejections and approvals with changes; wait is the time from the request to the decision.')
				.datasource(DS)
				.gridPos({ x: 0, y: 24, w: 24, h: 6 })
				.overrideByName('Median wait', [{ id: 'unit', value: 'ms' }])
				.withTarget(
					query(sql`
						SELECT coalesce(channel, 'unknown') AS "Channel",
						       count(*) FILTER (WHERE decision = 'approve') AS "Approved",
						       count(*) FILTER (WHERE decision = 'decline') AS "Rejected",
						       count(*) FILTER (WHERE decision = 'decline' OR outcome = 'approved_changed') AS "Overrides",
						       (percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms))::double precision AS "Median wait"
						FROM ltc_events
						WHERE actor = 'human' AND decision IN ('approve', 'decline') AND $__timeFilter(occurred_at)
						GROUP BY 1
						ORDER BY coalesce(channel, 'unknown') COLLATE "C"
					`),
				),
		)
		.build();
}
