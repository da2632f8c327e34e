// How every panel reaches the database: through a `datasource` template variable `${ds}` limited to
// PostgreSQL datasources, never through `__inputs`/`${DS_X}` (which only the UI import wizard resolves;
// file provisioning keeps the literal and fails). One JSON file therefore works both provisioned and
// imported. The provisioned datasource's uid is the variable's preferred value.
import {
	DatasourceVariableBuilder,
	ThresholdsConfigBuilder,
	ThresholdsMode,
	type Threshold,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

import { PostgresQueryBuilder, type PostgresFormat } from './postgres-query.mts';

export const POSTGRES_PLUGIN_ID = 'grafana-postgresql-datasource';
/** uid and name of the datasource in dashboards/provisioning/datasources/lead-to-close.yaml. */
export const PROVISIONED_DATASOURCE = { uid: 'lead-to-close-pg', name: 'Lead-to-Close Postgres' } as const;

export const DS: DataSourceRef = { type: POSTGRES_PLUGIN_ID, uid: '${ds}' };

export function datasourceVariable(): DatasourceVariableBuilder {
	return new DatasourceVariableBuilder('ds')
		.label('Data source')
		.type(POSTGRES_PLUGIN_ID)
		.current({ selected: true, text: PROVISIONED_DATASOURCE.name, value: PROVISIONED_DATASOURCE.uid });
}

/** A code-mode SQL target on `${ds}`. */
export function query(rawSql: string, refId = 'A', format: PostgresFormat = 'table'): PostgresQueryBuilder {
	return new PostgresQueryBuilder(rawSql).refId(refId).format(format).datasource(DS);
}

/** Absolute thresholds from a base colour and `[value, colour]` steps. */
export function thresholds(base: string, ...steps: Array<[number, string]>): ThresholdsConfigBuilder {
	const list: Threshold[] = [{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))];
	return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(list);
}
