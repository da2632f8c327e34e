// The idempotent "ensure AI fields exist" recipe of erpnext.md §4 over REST. First the doctype's meta
// (frappe.desk.form.load.getdoctype, open to every logged-in user): when every field is there as
// specified, nothing else is read or written, so routine runs need no System Manager. Only when a
// field is missing or has drifted does it read the Custom Fields we manage (System Manager only,
// custom_field.json), create the missing ones chained by insert_after, PUT only drifted properties, and
// treat a 409/417 on create as a concurrent run having won the race (re-read, then compare). Creating
// a field runs DDL on the server, so a second call must make no writes at all.
import { ErpNextError } from '../http';
import type { ErpNextClient } from './client';
import { CustomFieldSpecSchema } from './schemas';
import type { CustomFieldSpec, FrappeRow } from './schemas';

export interface EnsureFieldsResult {
	/** Fieldnames created by this call. */
	created: string[];
	/** Fieldnames whose drifted properties were PUT back. */
	updated: string[];
	/** Fieldnames already as specified. */
	unchanged: string[];
}

/**
 * Custom Field read, create and write are limited to Administrator and System Manager
 * (frappe/frappe frappe/custom/doctype/custom_field/custom_field.json), so the set-up needs one run
 * (or the explicit set-up) with a System Manager; afterwards the meta check suffices.
 */
function requiredRole(doctype: string): string {
	return `System Manager (once, to create or update the AI fields on ${doctype}; afterwards the record's own roles suffice)`;
}

type Spec = CustomFieldSpec;

function toFrappeValue(value: unknown): unknown {
	return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function sameValue(wanted: unknown, current: unknown): boolean {
	if (typeof wanted === 'boolean') return Boolean(Number(current ?? 0)) === wanted;
	if (typeof wanted === 'number') return Number(current ?? 0) === wanted;
	return String(current ?? '') === String(wanted);
}

/**
 * Properties of `wanted` that differ from a field of the doctype's meta. The meta carries DocField
 * properties only (no `insert_after`), so placement and properties the meta does not send are not
 * compared; a missing field is reported as undefined.
 */
export function metaDrift(
	wanted: Spec,
	field: FrappeRow | undefined,
): Record<string, unknown> | undefined {
	if (!field) return undefined;
	const drift: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(wanted)) {
		if (key === 'fieldname' || key === 'insert_after' || value === undefined || !(key in field))
			continue;
		if (!sameValue(value, field[key])) drift[key] = toFrappeValue(value);
	}
	return drift;
}

/** Properties of `wanted` that differ on the server, in Frappe's encoding. */
export function customFieldDrift(wanted: Spec, current: FrappeRow): Record<string, unknown> {
	const drift: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(wanted)) {
		if (key === 'fieldname' || value === undefined) continue;
		if (!sameValue(value, current[key])) drift[key] = toFrappeValue(value);
	}
	return drift;
}

function normalise(fields: Spec[]): Spec[] {
	const specs = fields.map((field, i) => {
		const parsed = CustomFieldSpecSchema.safeParse(field);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new RangeError(
				`Custom field #${i + 1} (${String(field?.fieldname)}): ${issue.path.join('.')} ${issue.message}`,
			);
		}
		return parsed.data;
	});
	const names = new Set<string>();
	for (const spec of specs) {
		if (names.has(spec.fieldname))
			throw new RangeError(`Custom field ${spec.fieldname} is listed twice`);
		names.add(spec.fieldname);
	}
	// Chain: each field goes after the previous one unless placed explicitly.
	return specs.map((spec, i) => ({
		...spec,
		insert_after: spec.insert_after ?? (i > 0 ? specs[i - 1].fieldname : undefined),
	}));
}

export async function ensureCustomFields(
	client: ErpNextClient,
	doctype: string,
	fields: Spec[],
): Promise<EnsureFieldsResult> {
	const wanted = normalise(fields);
	const result: EnsureFieldsResult = { created: [], updated: [], unchanged: [] };
	if (wanted.length === 0) return result;

	// Routine path: the meta says every field is there as specified (no Custom Field access needed).
	let metaFields: FrappeRow[] | undefined;
	let metaFailure: unknown;
	try {
		metaFields = await client.doctypeFields(doctype);
	} catch (error) {
		metaFailure = error;
	}
	// An older or locked-down site without getdoctype (403/404) falls back to the Custom Field path.
	const fallBack =
		metaFailure instanceof ErpNextError &&
		(metaFailure.status === 403 || metaFailure.status === 404);
	if (metaFailure !== undefined && !fallBack) throw metaFailure;
	if (metaFields) {
		const byName = new Map(metaFields.map((f) => [String(f.fieldname), f]));
		const inPlace = wanted.every((w) => {
			const drift = metaDrift(w, byName.get(w.fieldname));
			return drift !== undefined && Object.keys(drift).length === 0;
		});
		if (inPlace) return { ...result, unchanged: wanted.map((w) => w.fieldname) };
	}
	const role = requiredRole(doctype);

	const columns = [
		'name',
		'dt',
		'fieldname',
		...new Set(wanted.flatMap((w) => Object.keys(w))),
	].filter((c, i, all) => all.indexOf(c) === i);
	const read = async (fieldnames: string[]) =>
		await client.listAll('Custom Field', {
			fields: columns,
			filters: [
				['dt', '=', doctype],
				['fieldname', 'in', fieldnames],
			],
			pageSize: 100,
			requiredRole: role,
		});
	const existing = new Map<string, FrappeRow>();
	for (const row of await read(wanted.map((w) => w.fieldname)))
		existing.set(String(row.fieldname), row);

	for (const spec of wanted) {
		let current = existing.get(spec.fieldname);
		if (!current) {
			const doc: Record<string, unknown> = { dt: doctype };
			for (const [key, value] of Object.entries(spec)) {
				if (value !== undefined) doc[key] = toFrappeValue(value);
			}
			let failure: unknown;
			try {
				await client.insert('Custom Field', doc, { requiredRole: role });
				result.created.push(spec.fieldname);
				continue;
			} catch (error) {
				failure = error;
			}
			const raced =
				failure instanceof ErpNextError && (failure.status === 409 || failure.status === 417);
			if (raced) [current] = await read([spec.fieldname]);
			if (!current) throw failure;
		}
		const drift = customFieldDrift(spec, current);
		if (Object.keys(drift).length === 0) {
			result.unchanged.push(spec.fieldname);
			continue;
		}
		const name = typeof current.name === 'string' ? current.name : `${doctype}-${spec.fieldname}`;
		await client.update('Custom Field', name, drift, { requiredRole: role });
		result.updated.push(spec.fieldname);
	}
	return result;
}
