// A Grafana PostgreSQL target for the foundation SDK, which ships query builders for Prometheus, Loki
// and others but none for SQL datasources. Emits exactly what Grafana's query editor saves for a
// code-mode query: { refId, datasource, rawSql, format, rawQuery: true, editorMode: 'code' }.
// `format` defaults to 'table' here (Grafana's backend defaults to 'time_series', which requires a
// column named `time`), so a time series has to be asked for explicitly.
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export type PostgresFormat = 'table' | 'time_series';

export interface PostgresQuery extends Dataquery {
	refId: string;
	datasource?: DataSourceRef;
	rawSql: string;
	format: PostgresFormat;
	rawQuery: true;
	editorMode: 'code';
	hide?: boolean;
}

/**
 * Trims the common indentation of a template literal so the JSON holds readable SQL. Indentation is
 * measured on the literal text; an interpolated multi-line fragment is indented to its placeholder.
 */
export function sql(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	const literalLines = strings.join('').replace(/^\n/, '').split('\n');
	const indent = Math.min(
		...literalLines.filter((line) => line.trim() !== '').map((line) => /^[\t ]*/.exec(line)![0].length),
	);
	let text = '';
	strings.forEach((part, i) => {
		text += part;
		if (i >= values.length) return;
		const pad = /^[\t ]*/.exec(text.slice(text.lastIndexOf('\n') + 1))![0];
		text += String(values[i]).split('\n').join(`\n${pad}`);
	});
	return text
		.replace(/^\n/, '')
		.replace(/\s+$/, '')
		.split('\n')
		.map((line) => line.slice(Math.min(indent, /^[\t ]*/.exec(line)![0].length)))
		.join('\n');
}

export class PostgresQueryBuilder implements Builder<Dataquery> {
	private readonly internal: Omit<PostgresQuery, '_implementsDataqueryVariant'>;

	constructor(rawSql: string) {
		this.internal = { refId: 'A', rawSql, format: 'table', rawQuery: true, editorMode: 'code' };
	}

	refId(refId: string): this {
		this.internal.refId = refId;
		return this;
	}

	datasource(datasource: DataSourceRef): this {
		this.internal.datasource = datasource;
		return this;
	}

	format(format: PostgresFormat): this {
		this.internal.format = format;
		return this;
	}

	hide(hide: boolean): this {
		this.internal.hide = hide;
		return this;
	}

	build(): PostgresQuery {
		// The SDK's Dataquery marker is a method; it is not enumerable so JSON output stays clean.
		const query = { ...this.internal } as PostgresQuery;
		Object.defineProperty(query, '_implementsDataqueryVariant', { value: () => undefined, enumerable: false });
		return query;
	}
}
