// The Frappe v1 response envelopes we rely on (erpnext.md §2): resources answer under `data`,
// whitelisted methods under `message`. One zod schema each; types come from them.
import { z } from 'zod/v4';

/** A row of a list: only the requested `fields` (no `name` unless asked for). */
export const FrappeRowSchema = z.record(z.string(), z.unknown());
export type FrappeRow = z.infer<typeof FrappeRowSchema>;

/** A whole document as GET/POST/PUT return it. */
export const FrappeDocSchema = z.looseObject({
	name: z.string(),
	doctype: z.string().optional(),
	modified: z.string().optional(),
	docstatus: z.number().optional(),
});
export type FrappeDoc = z.infer<typeof FrappeDocSchema>;

export const dataEnvelope = <T>(schema: z.ZodType<T>) => z.object({ data: schema });
export const messageEnvelope = <T>(schema: z.ZodType<T>) => z.object({ message: schema });

/** Properties of a Custom Field we manage (erpnext.md §4); booleans are sent as 0/1. */
export const CustomFieldSpecSchema = z.object({
	fieldname: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores'),
	label: z.string().min(1),
	fieldtype: z.string().min(1),
	insert_after: z.string().optional(),
	options: z.string().optional(),
	description: z.string().optional(),
	default: z.string().optional(),
	depends_on: z.string().optional(),
	precision: z.string().optional(),
	length: z.number().int().optional(),
	permlevel: z.number().int().optional(),
	read_only: z.boolean().optional(),
	hidden: z.boolean().optional(),
	reqd: z.boolean().optional(),
	unique: z.boolean().optional(),
	no_copy: z.boolean().optional(),
	bold: z.boolean().optional(),
	in_list_view: z.boolean().optional(),
	in_standard_filter: z.boolean().optional(),
	in_preview: z.boolean().optional(),
	in_global_search: z.boolean().optional(),
	print_hide: z.boolean().optional(),
	report_hide: z.boolean().optional(),
	allow_on_submit: z.boolean().optional(),
	translatable: z.boolean().optional(),
	search_index: z.boolean().optional(),
	non_negative: z.boolean().optional(),
});
export type CustomFieldSpec = z.infer<typeof CustomFieldSpecSchema>;
