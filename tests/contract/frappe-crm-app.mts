// The Frappe CRM app (github.com/frappe/crm) as the Frappe contract server hosts it
// (startErpNextServer({ apps: ['erpnext', 'crm'] }), docs/decisions/0028): the doctypes' fields, naming,
// role permissions, the records after_install creates and the document hooks the app runs. Data and
// pure helpers only; tests/contract/erpnext-server.mts wires them into its generic Frappe REST surface.
// Every fact is read from frappe/crm at commit 8b7dfdde81206fc8be8c38d6fbce57da234582af (2026-08-07);
// each block names its file. docs/real-servers.md "Frappe CRM" lists what is mirrored and what is not.

export const CRM_APP_COMMIT = '8b7dfdde81206fc8be8c38d6fbce57da234582af';

/** [fieldname, fieldtype, label, options?, reqd?] of a standard field. */
export type CrmFieldDef = [string, string, string, string?, number?];

/**
 * The value fields of each doctype in `field_order` (Tab/Section/Column Breaks left out), from
 * crm/fcrm/doctype/<doctype>/<doctype>.json. getdoctype answers them as the doctype's meta; a Custom
 * Field cannot reuse their names.
 */
export const CRM_DOCTYPE_FIELDS: Record<string, CrmFieldDef[]> = {
	'CRM Lead': [
		['salutation', 'Link', "Salutation", "Salutation"],
		['first_name', 'Data', "First Name", "", 1],
		['last_name', 'Data', "Last Name"],
		['lead_name', 'Data', "Full Name"],
		['email', 'Data', "Email", "Email"],
		['mobile_no', 'Data', "Mobile No.", "Phone"],
		['organization', 'Data', "Organization"],
		['website', 'Data', "Website"],
		['organization_logo', 'Attach Image', "Organization Logo"],
		['company_description', 'Small Text', "Company Description"],
		['linkedin', 'Data', "LinkedIn"],
		['twitter', 'Data', "X (Twitter)"],
		['facebook', 'Data', "Facebook"],
		['territory', 'Link', "Territory", "CRM Territory"],
		['industry', 'Link', "Industry", "CRM Industry"],
		['job_title', 'Data', "Job Title"],
		['source', 'Link', "Source", "CRM Lead Source"],
		['lead_owner', 'Link', "Lead Owner", "User"],
		['naming_series', 'Select', "Series", "CRM-LEAD-.YYYY.-"],
		['middle_name', 'Data', "Middle Name"],
		['gender', 'Link', "Gender", "Gender"],
		['phone', 'Data', "Phone", "Phone"],
		['status', 'Link', "Status", "CRM Lead Status", 1],
		['no_of_employees', 'Select', "No. of Employees", "1-10\n11-50\n51-200\n201-500\n501-1000\n1000+"],
		['annual_revenue', 'Currency', "Annual Revenue"],
		['image', 'Attach Image', "Image"],
		['converted', 'Check', "Converted"],
		['products', 'Table', "Products", "CRM Products"],
		['total', 'Currency', "Total", "currency"],
		['net_total', 'Currency', "Net Total", "currency"],
		['sla', 'Link', "SLA", "CRM Service Level Agreement"],
		['sla_creation', 'Datetime', "SLA Creation"],
		['sla_status', 'Select', "SLA Status", "\nFirst Response Due\nRolling Response Due\nFailed\nFulfilled"],
		['communication_status', 'Link', "Communication Status", "CRM Communication Status"],
		['response_by', 'Datetime', "Response By"],
		['first_response_time', 'Duration', "First Response Time"],
		['first_responded_on', 'Datetime', "First Responded On"],
		['rolling_responses', 'Table', "Rolling Responses", "CRM Rolling Response Time"],
		['last_response_time', 'Duration', "Last Response Time"],
		['last_responded_on', 'Datetime', "Last Responded On"],
		['status_change_log', 'Table', "Status Change Log", "CRM Status Change Log"],
		['facebook_lead_id', 'Data', "Facebook Lead ID"],
		['facebook_form_id', 'Data', "Facebook Form ID"],
		['lost_reason', 'Link', "Lost Reason", "CRM Lost Reason"],
		['lost_notes', 'Text', "Lost Notes"],
	],
	'CRM Deal': [
		['naming_series', 'Select', "Naming Series", "CRM-DEAL-.YYYY.-"],
		['organization', 'Link', "Organization", "CRM Organization"],
		['next_step', 'Data', "Next Step"],
		['status', 'Link', "Status", "CRM Deal Status", 1],
		['deal_owner', 'Link', "Deal Owner", "User"],
		['probability', 'Percent', "Probability"],
		['expected_deal_value', 'Currency', "Expected Deal Value", "currency"],
		['deal_value', 'Currency', "Deal Value", "currency"],
		['expected_closure_date', 'Date', "Expected Closure Date"],
		['closed_date', 'Date', "Closed Date"],
		['contacts', 'Table', "Contacts", "CRM Contacts"],
		['contact', 'Link', "Contact", "Contact"],
		['lead', 'Link', "Lead", "CRM Lead"],
		['source', 'Link', "Source", "CRM Lead Source"],
		['lead_name', 'Data', "Lead Name"],
		['organization_name', 'Data', "Organization Name"],
		['website', 'Data', "Website"],
		['organization_logo', 'Attach Image', "Organization Logo"],
		['company_description', 'Small Text', "Company Description"],
		['linkedin', 'Data', "LinkedIn"],
		['twitter', 'Data', "X (Twitter)"],
		['facebook', 'Data', "Facebook"],
		['no_of_employees', 'Select', "No. of Employees", "1-10\n11-50\n51-200\n201-500\n501-1000\n1000+"],
		['job_title', 'Data', "Job Title"],
		['territory', 'Link', "Territory", "CRM Territory"],
		['currency', 'Link', "Currency", "Currency"],
		['exchange_rate', 'Float', "Exchange Rate"],
		['annual_revenue', 'Currency', "Annual Revenue", "currency"],
		['industry', 'Link', "Industry", "CRM Industry"],
		['salutation', 'Link', "Salutation", "Salutation"],
		['first_name', 'Data', "First name"],
		['last_name', 'Data', "Last name"],
		['email', 'Data', "Primary email", "Email"],
		['mobile_no', 'Data', "Primary mobile no", "Phone"],
		['phone', 'Data', "Primary phone", "Phone"],
		['gender', 'Link', "Gender", "Gender"],
		['products', 'Table', "Products", "CRM Products"],
		['total', 'Currency', "Total", "currency"],
		['net_total', 'Currency', "Net Total", "currency"],
		['sla', 'Link', "SLA", "CRM Service Level Agreement"],
		['sla_creation', 'Datetime', "SLA Creation"],
		['sla_status', 'Select', "SLA Status", "\nFirst Response Due\nRolling Response Due\nFailed\nFulfilled"],
		['communication_status', 'Link', "Communication Status", "CRM Communication Status"],
		['response_by', 'Datetime', "Response By"],
		['first_response_time', 'Duration', "First Response Time"],
		['first_responded_on', 'Datetime', "First Responded On"],
		['rolling_responses', 'Table', "Rolling Responses", "CRM Rolling Response Time"],
		['last_response_time', 'Duration', "Last Response Time"],
		['last_responded_on', 'Datetime', "Last Responded On"],
		['status_change_log', 'Table', "Status Change Log", "CRM Status Change Log"],
		['lost_reason', 'Link', "Lost Reason", "CRM Lost Reason"],
		['lost_notes', 'Text', "Lost Notes"],
	],
	'CRM Organization': [
		['organization_name', 'Data', "Organization Name"],
		['no_of_employees', 'Select', "No. of Employees", "1-10\n11-50\n51-200\n201-500\n501-1000\n1000+"],
		['currency', 'Link', "Currency", "Currency"],
		['exchange_rate', 'Float', "Exchange Rate"],
		['annual_revenue', 'Currency', "Annual Revenue", "currency"],
		['organization_logo', 'Attach Image', "Organization Logo"],
		['website', 'Data', "Website"],
		['company_description', 'Small Text', "Company Description"],
		['linkedin', 'Data', "LinkedIn"],
		['twitter', 'Data', "X (Twitter)"],
		['facebook', 'Data', "Facebook"],
		['territory', 'Link', "Territory", "CRM Territory"],
		['industry', 'Link', "Industry", "CRM Industry"],
		['address', 'Link', "Address", "Address"],
	],
	'FCRM Note': [
		['title', 'Data', "Title", "", 1],
		['content', 'Text Editor', "Content"],
		['reference_doctype', 'Link', "Reference Document Type", "DocType"],
		['reference_docname', 'Dynamic Link', "Reference Doc", "reference_doctype"],
	],
	'CRM Task': [
		['title', 'Data', "Title", "", 1],
		['priority', 'Select', "Priority", "Low\nMedium\nHigh"],
		['start_date', 'Date', "Start Date"],
		['reference_doctype', 'Link', "Reference Document Type", "DocType"],
		['reference_docname', 'Dynamic Link', "Reference Doc", "reference_doctype"],
		['assigned_to', 'Link', "Assigned To", "User"],
		['status', 'Select', "Status", "Backlog\nTodo\nIn Progress\nDone\nCanceled"],
		['due_date', 'Datetime', "Due Date"],
		['description', 'Text Editor', "Description"],
	],
	'CRM Call Log': [
		['telephony_medium', 'Select', "Telephony Medium", "\nManual\nTwilio\nExotel"],
		['id', 'Data', "ID"],
		['from', 'Data', "From Number", "", 1],
		['status', 'Select', "Status", "Initiated\nRinging\nIn Progress\nCompleted\nFailed\nBusy\nNo Answer\nQueued\nCanceled", 1],
		['duration', 'Duration', "Duration"],
		['medium', 'Data', "Medium"],
		['start_time', 'Datetime', "Start Time"],
		['reference_doctype', 'Link', "Reference Document Type", "DocType"],
		['reference_docname', 'Dynamic Link', "Reference Name", "reference_doctype"],
		['to', 'Data', "To Number", "", 1],
		['type', 'Select', "Type", "Incoming\nOutgoing", 1],
		['receiver', 'Link', "Call Received By", "User"],
		['caller', 'Link', "Caller", "User"],
		['recording_url', 'Small Text', "Recording URL"],
		['end_time', 'Datetime', "End Time"],
		['note', 'Link', "Note", "FCRM Note"],
		['links', 'Table', "Links", "Dynamic Link"],
	],
	'CRM Fields Layout': [
		['dt', 'Link', "Document Type", "DocType"],
		['type', 'Select', "Type", "Quick Entry\nSide Panel\nData Fields\nGrid Row\nRequired Fields"],
		['layout', 'Code', "Layout", "JSON"],
	],
	'CRM Lead Status': [
		['lead_status', 'Data', "Status", "", 1],
		['type', 'Select', "Type", "Open\nOngoing\nOn Hold\nWon\nLost"],
		['color', 'Select', "Color", "black\ngray\nblue\ngreen\nred\npink\norange\namber\nyellow\ncyan\nteal\nviolet\npurple"],
		['position', 'Int', "Position"],
	],
	// Deal Monitor (issue 18): crm/fcrm/doctype/crm_deal_status/crm_deal_status.json (autoname field:deal_status).
	'CRM Deal Status': [
		['deal_status', 'Data', "Status"],
		['type', 'Select', "Type", "Open\nOngoing\nOn Hold\nWon\nLost"],
		['position', 'Int', "Position"],
		['probability', 'Percent', "Probability"],
		['color', 'Select', "Color", "black\ngray\nblue\ngreen\nred\npink\norange\namber\nyellow\ncyan\nteal\nviolet\npurple"],
	],
	'CRM Industry': [
		['industry', 'Data', "Industry"],
	],
	'CRM Lead Source': [
		['source_name', 'Data', "Source Name", "", 1],
		['details', 'Text Editor', "Details"],
	],
	'CRM Territory': [
		['territory_name', 'Data', "Territory Name", "", 1],
		['territory_manager', 'Link', "Territory Manager", "User"],
		['old_parent', 'Link', "Old Parent", "CRM Territory"],
		['parent_crm_territory', 'Link', "Parent CRM Territory", "CRM Territory"],
		['lft', 'Int', "Left"],
		['rgt', 'Int', "Right"],
		['is_group', 'Check', "Is Group"],
	],
	...quoteGeneratorDoctypeFields(),
};

export const CRM_DOCTYPES: ReadonlySet<string> = new Set(Object.keys(CRM_DOCTYPE_FIELDS));

/**
 * How each doctype names a new record (the JSONs' `autoname`): CRM Lead/CRM Deal by naming series
 * (`naming_series:`, default CRM-LEAD-.YYYY.- / CRM-DEAL-.YYYY.-; frappe/model/naming.py adds ".#####"),
 * CRM Task `autoincrement` (an integer), CRM Organization/CRM Call Log/the masters `field:<fieldname>`,
 * CRM Fields Layout `format:{dt}-{type}`; FCRM Note has none, so Frappe's 10-character hash.
 */
export type CrmNaming = { series: string } | { field: string } | { format: (doc: Record<string, unknown>) => string } | { autoincrement: true };
export const CRM_NAMING: Record<string, CrmNaming> = {
	'CRM Lead': { series: 'CRM-LEAD-.YYYY.-' },
	'CRM Deal': { series: 'CRM-DEAL-.YYYY.-' },
	'CRM Organization': { field: 'organization_name' },
	'CRM Call Log': { field: 'id' },
	'CRM Task': { autoincrement: true },
	'CRM Fields Layout': { format: (doc) => `${String(doc.dt)}-${String(doc.type)}` },
	'CRM Lead Status': { field: 'lead_status' },
	'CRM Deal Status': { field: 'deal_status' },
	'CRM Industry': { field: 'industry' },
	'CRM Lead Source': { field: 'source_name' },
	'CRM Territory': { field: 'territory_name' },
	...quoteGeneratorNaming(),
};

type Perm = 'read' | 'write' | 'create' | 'delete';
const ALL: Perm[] = ['read', 'write', 'create', 'delete'];
const SALES = ['System Manager', 'Sales Manager', 'Sales User'];
const MANAGERS = ['System Manager', 'Sales Manager'];
function grant(all: string[], readOnly: string[] = []): Partial<Record<Perm, string[]>> {
	return Object.fromEntries(ALL.map((p) => [p, p === 'read' ? [...all, ...readOnly] : all]));
}

/**
 * Role permissions (permlevel 0) of each doctype's JSON: System Manager, Sales Manager and Sales User
 * read/write/create/delete everything, except CRM Fields Layout and CRM Lead Source, which Sales User
 * may only read.
 */
export const CRM_ROLE_PERMISSIONS: Record<string, Partial<Record<Perm, string[]>>> = Object.fromEntries(
	[...CRM_DOCTYPES].map((dt) => [dt, dt === 'CRM Fields Layout' || dt === 'CRM Lead Source' ? grant(MANAGERS, ['Sales User']) : grant(SALES)]),
);

/** Doctypes with `track_changes: 1` (a Version per save): CRM Lead, CRM Deal, FCRM Note. */
export const CRM_TRACK_CHANGES: ReadonlySet<string> = new Set(['CRM Lead', 'CRM Deal', 'FCRM Note']);

/** Field defaults the JSONs declare (`default`), set on insert when the field is absent. */
export const CRM_DEFAULTS: Record<string, Record<string, unknown>> = {
	'CRM Lead': { naming_series: 'CRM-LEAD-.YYYY.-', converted: 0, communication_status: 'Open' },
	'CRM Deal': { naming_series: 'CRM-DEAL-.YYYY.-', communication_status: 'Open', exchange_rate: 1 },
	'FCRM Note': { reference_doctype: 'CRM Lead' },
	'CRM Call Log': { reference_doctype: 'CRM Lead' },
};

/** The Link fields of CRM Lead the insert checks (frappe/model/document.py _validate_links), to their doctype. */
export const CRM_LEAD_LINKS: Record<string, string> = {
	status: 'CRM Lead Status',
	source: 'CRM Lead Source',
	industry: 'CRM Industry',
	territory: 'CRM Territory',
};

/**
 * crm/install.py after_install: add_default_lead_statuses, add_default_industries,
 * add_default_lead_sources and add_default_fields_layout (the CRM Lead and CRM Deal "Side Panel" and
 * "Data Fields" layouts, verbatim JSON). Only the CRM Lead/Deal layouts are seeded; Quick Entry and the
 * Contact/Organization ones are left out.
 */
export const CRM_LEAD_STATUSES: Array<{ lead_status: string; color: string; type: string; position: number }> = [
	{ lead_status: 'New', color: 'gray', type: 'Open', position: 1 },
	{ lead_status: 'Contacted', color: 'orange', type: 'Ongoing', position: 2 },
	{ lead_status: 'Nurture', color: 'blue', type: 'Ongoing', position: 3 },
	{ lead_status: 'Qualified', color: 'green', type: 'Won', position: 4 },
	{ lead_status: 'Converted', color: 'teal', type: 'Won', position: 5 },
	{ lead_status: 'Unqualified', color: 'red', type: 'Lost', position: 6 },
	{ lead_status: 'Junk', color: 'purple', type: 'Lost', position: 7 },
];
export const CRM_INDUSTRIES = [
	'Accounting', 'Advertising', 'Aerospace', 'Agriculture', 'Airline', 'Apparel & Accessories', 'Automotive', 'Banking', 'Biotechnology',
	'Broadcasting', 'Brokerage', 'Chemical', 'Computer', 'Consulting', 'Consumer Products', 'Cosmetics', 'Defense', 'Department Stores',
	'Education', 'Electronics', 'Energy', 'Entertainment & Leisure, Executive Search', 'Financial Services', 'Food', 'Beverage & Tobacco',
	'Grocery', 'Health Care', 'Internet Publishing', 'Investment Banking', 'Legal', 'Manufacturing', 'Motion Picture & Video', 'Music',
	'Newspaper Publishers', 'Online Auctions', 'Pension Funds', 'Pharmaceuticals', 'Private Equity', 'Publishing', 'Real Estate',
	'Retail & Wholesale', 'Securities & Commodity Exchanges', 'Service', 'Soap & Detergent', 'Software', 'Sports', 'Technology',
	'Telecommunications', 'Television', 'Transportation', 'Venture Capital',
];
export const CRM_LEAD_SOURCES = [
	'Email', 'Existing Customer', 'Reference', 'Advertisement', 'Cold Calling', 'Exhibition', 'Supplier Reference', 'Mass Mailing',
	"Customer's Vendor", 'Campaign', 'Walk In', 'Facebook', 'Website', 'Web Form',
];
export const CRM_DEFAULT_LAYOUTS: Array<{ dt: string; type: string; layout: string }> = [
	{
		dt: 'CRM Lead',
		type: 'Side Panel',
		layout: '[{"label": "Details", "name": "details_section", "opened": true, "columns": [{"name": "column_kl92", "fields": ["organization", "company_description", "website", "territory", "industry", "no_of_employees", "job_title", "source", "lead_owner", "linkedin", "twitter", "facebook"]}]}, {"label": "Person", "name": "person_section", "opened": true, "columns": [{"name": "column_XmW2", "fields": ["salutation", "first_name", "last_name", "email", "mobile_no"]}]}]',
	},
	{
		dt: 'CRM Deal',
		type: 'Side Panel',
		layout: '[{"label": "Contacts", "name": "contacts_section", "opened": true, "editable": false, "contacts": []}, {"label": "Organization Details", "name": "organization_section", "opened": true, "columns": [{"name": "column_na2Q", "fields": ["organization", "company_description", "industry", "no_of_employees", "website", "territory", "annual_revenue", "closed_date", "probability", "next_step", "deal_owner", "linkedin", "twitter", "facebook"]}]}]',
	},
	{
		dt: 'CRM Lead',
		type: 'Data Fields',
		layout: '[{"label": "Details", "name": "details_section", "opened": true, "columns": [{"name": "column_ZgLG", "fields": ["organization", "company_description", "industry", "no_of_employees"]}, {"name": "column_TbYq", "fields": ["website", "linkedin", "twitter", "facebook", "job_title"]}, {"name": "column_OKSX", "fields": ["territory", "source", "lead_owner"]}]}, {"label": "Person", "name": "person_section", "opened": true, "columns": [{"name": "column_6c5g", "fields": ["salutation", "email"]}, {"name": "column_1n7Q", "fields": ["first_name", "mobile_no"]}, {"name": "column_cT6C", "fields": ["last_name"]}]}]',
	},
];

export class CrmValidationError extends Error {
	constructor(
		readonly status: number,
		readonly excType: string,
		message: string,
		readonly title?: string,
	) {
		super(message);
	}
}

/** frappe/utils/__init__.py validate_email_address (the shape check only). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * CRM Lead validate (crm/fcrm/doctype/crm_lead/crm_lead.py): validate_status (a new lead without a
 * status gets "New" when that status exists), set_full_name (lead_name = salutation, first, middle and
 * last name when first_name is set), set_lead_name (else the organization, else the email's local
 * part, else 417 "A Lead requires either a person's name or an organization's name"), validate_email
 * (InvalidEmailAddressError; the lead owner's own address is refused). Runs on insert and on every save.
 */
export function validateCrmLead(doc: Record<string, unknown>, isNew: boolean, statuses: ReadonlySet<string>): void {
	if (isNew && !doc.status && statuses.has('New')) doc.status = 'New';
	if (doc.first_name) {
		doc.lead_name = [doc.salutation, doc.first_name, doc.middle_name, doc.last_name].filter((p) => typeof p === 'string' && p !== '').join(' ');
	}
	if (!doc.lead_name) {
		if (!doc.organization && !doc.email) throw new CrmValidationError(417, 'ValidationError', "A Lead requires either a person's name or an organization's name");
		doc.lead_name = doc.organization ? doc.organization : String(doc.email).split('@')[0];
	}
	if (doc.email) {
		const email = String(doc.email);
		if (!EMAIL.test(email)) throw new CrmValidationError(417, 'InvalidEmailAddressError', `${email} is not a valid Email Address`, 'Invalid Email Address');
		if (email === doc.lead_owner) throw new CrmValidationError(417, 'ValidationError', 'Lead Owner cannot be same as the Lead Email Address');
	}
}

/**
 * frappe/model/base_document.py _validate_mandatory (after validate): a `reqd` field without a value is
 * 417 MandatoryError "Error: Value missing for {doctype}: {label}". CRM Lead requires first_name and
 * status, FCRM Note and CRM Task a title, CRM Call Log from/to/type/status.
 */
export function checkMandatory(doctype: string, doc: Record<string, unknown>): void {
	for (const [fieldname, , label, , reqd] of CRM_DOCTYPE_FIELDS[doctype] ?? []) {
		const value = doc[fieldname];
		if (reqd && (value === undefined || value === null || value === '')) {
			throw new CrmValidationError(417, 'MandatoryError', `Error: Value missing for ${doctype}: ${label}`, 'Missing Fields');
		}
	}
}

export interface VersionRow {
	name: string;
	owner: unknown;
	creation: unknown;
	data: string;
}

export interface Activity {
	activity_type: string;
	creation: unknown;
	owner: unknown;
	[key: string]: unknown;
}

/** Fields crm/api/activities.py get_lead_activities leaves out of the activity (avoid_fields). */
const AVOID_FIELDS = new Set(['converted', 'response_by', 'sla_creation', 'sla', 'first_response_time', 'first_responded_on']);

/**
 * The activity of a lead as crm/api/activities.py get_lead_activities builds it: "creation", then per
 * Version only its first change (`data.changed[0]`, a field of the meta not in avoid_fields, not empty on
 * both sides) as "added", "changed" or "removed", then every Comment of type "Comment" (docinfo.comments)
 * as "comment"; newest first, consecutive version activities of one owner grouped under
 * `other_versions` (handle_multiple_versions). Emails and attachment logs are not mirrored. FCRM Notes are
 * not activities: the method returns them in their own list (get_linked_notes), shown on the Notes tab.
 */
export function leadActivities(
	lead: Record<string, unknown>,
	versions: VersionRow[],
	comments: Array<Record<string, unknown>>,
	labels: ReadonlyMap<string, string>,
	isLead: boolean,
	communications: Activity[] = [],
): Activity[] {
	const flag = isLead ? { is_lead: true } : {};
	const out: Activity[] = [{ activity_type: 'creation', creation: lead.creation, owner: lead.owner, data: isLead ? 'created this lead' : 'created this deal', ...flag }];
	for (const version of [...versions].reverse()) {
		let data: { changed?: unknown[][] };
		try {
			data = JSON.parse(version.data) as { changed?: unknown[][] };
		} catch {
			continue;
		}
		const change = data.changed?.[0];
		if (!change) continue;
		const [field, oldValue, value] = change as [string, unknown, unknown];
		if (!labels.has(field) || AVOID_FIELDS.has(field) || (!oldValue && !value)) continue;
		const label = labels.get(field) || field;
		const type = !oldValue && value ? 'added' : oldValue && !value ? 'removed' : 'changed';
		const body =
			type === 'changed'
				? { field, field_label: label, old_value: oldValue, value }
				: { field, field_label: label, value: type === 'added' ? value : oldValue };
		out.push({ activity_type: type, creation: version.creation, owner: version.owner, data: body, ...flag });
	}
	for (const comment of comments) {
		out.push({ name: comment.name, activity_type: 'comment', creation: comment.creation, owner: comment.owner, content: comment.content, attachments: [], ...flag });
	}
	out.push(...communications);
	out.sort((a, b) => (String(a.creation) < String(b.creation) ? 1 : String(a.creation) > String(b.creation) ? -1 : 0));
	return groupVersions(out);
}

function groupVersions(activities: Activity[]): Activity[] {
	const isVersion = (a: Activity) => ['changed', 'added', 'removed'].includes(a.activity_type);
	const out: Activity[] = [];
	let group: Activity[] = [];
	let previous: Activity | undefined;
	const flush = () => {
		if (group.length > 0) out.push(group.length === 1 ? group[0] : { ...group[0], other_versions: group.slice(1) });
		group = [];
	};
	activities.forEach((activity, i) => {
		if (!isVersion(activity)) out.push(activity);
		if (!previous) {
			previous = activity;
			if (isVersion(activity)) group.push(activity);
		} else {
			if (isVersion(activity) && previous.owner && activity.owner === previous.owner) group.push(activity);
			else {
				flush();
				if (isVersion(activity)) group.push(activity);
			}
			previous = activity;
		}
		if (i === activities.length - 1) flush();
	});
	return out;
}

// ---- Deal Monitor on CRM Deal (issue 18) ----

/** crm/install.py add_default_deal_statuses: the CRM Deal Statuses after install, with their type and default probability. */
export const CRM_DEAL_STATUSES: Array<{ deal_status: string; color: string; type: string; probability: number; position: number }> = [
	{ deal_status: 'Qualification', color: 'gray', type: 'Open', probability: 10, position: 1 },
	{ deal_status: 'Demo/Making', color: 'orange', type: 'Ongoing', probability: 25, position: 2 },
	{ deal_status: 'Proposal/Quotation', color: 'blue', type: 'Ongoing', probability: 50, position: 3 },
	{ deal_status: 'Negotiation', color: 'yellow', type: 'Ongoing', probability: 70, position: 4 },
	{ deal_status: 'Ready to Close', color: 'purple', type: 'Ongoing', probability: 90, position: 5 },
	{ deal_status: 'Won', color: 'green', type: 'Won', probability: 100, position: 6 },
	{ deal_status: 'Lost', color: 'red', type: 'Lost', probability: 0, position: 7 },
];

/** crm/install.py add_default_fields_layout: "CRM Deal-Data Fields" (a layout of tabs, verbatim JSON). */
export const CRM_DEAL_DATA_FIELDS_LAYOUT = {
	dt: 'CRM Deal',
	type: 'Data Fields',
	layout: '[{"name":"first_tab","sections":[{"label":"Details","name":"details_section","opened":true,"columns":[{"name":"column_z9XL","fields":["organization","company_description","industry","no_of_employees","annual_revenue"]},{"name":"column_gM4w","fields":["website","linkedin","twitter","facebook","closed_date","next_step"]},{"name":"column_gWmE","fields":["territory","probability","deal_owner"]}]},{"label":"Products","name":"section_jHhQ","opened":true,"columns":[{"name":"column_xiNF","fields":["products"]}],"editingLabel":false,"hideLabel":true},{"label":"New Section","name":"section_WNOQ","opened":true,"columns":[{"name":"column_ziBW","fields":["total"]},{"label":"","name":"column_wuwA","fields":["net_total"]}],"hideBorder":true,"hideLabel":true}]}]',
};

/**
 * CRM Deal validate (crm/fcrm/doctype/crm_deal/crm_deal.py): validate_status (a new deal without a status
 * gets "Qualification" when it exists), on a status change add_status_change_log
 * (crm/fcrm/doctype/crm_status_change_log/crm_status_change_log.py: the open row of the log is closed
 * with `to`, `to_type`, `to_date`, `duration` and a new row opened with `from` = the new status and
 * `from_date` = now; a deal whose log is empty gets a row for the previous status first) and, for a status
 * of type Won, closed_date = today; validate_forecasting_fields → update_default_probability (no
 * probability: the status's). SLA, exchange rate and contacts are not mirrored.
 */
export function validateCrmDeal(
	doc: Record<string, unknown>,
	before: Record<string, unknown> | undefined,
	statuses: ReadonlyMap<string, Record<string, unknown>>,
	now: string,
	user: string,
): void {
	if (!before && !doc.status && statuses.has('Qualification')) doc.status = 'Qualification';
	const status = typeof doc.status === 'string' ? doc.status : '';
	const typeOf = (s: unknown) => (typeof s === 'string' && statuses.get(s)?.type) || '';
	if (!before || before.status !== doc.status) {
		const log = Array.isArray(doc.status_change_log) ? [...(doc.status_change_log as Array<Record<string, unknown>>)] : [];
		if (before) {
			if (log.length === 0 && before.status) log.push({ from: before.status, from_type: typeOf(before.status), to: '', to_type: '', from_date: now, to_date: '', log_owner: user });
			const last = { ...log[log.length - 1] };
			last.to = status;
			last.to_type = typeOf(status);
			last.to_date = now;
			last.log_owner = user;
			last.duration = Math.max(0, (Date.parse(String(now).replace(' ', 'T')) - Date.parse(String(last.from_date).replace(' ', 'T'))) / 1000);
			log[log.length - 1] = last;
		}
		log.push({ from: status, from_type: typeOf(status), to: '', to_type: '', from_date: now, to_date: '', log_owner: user });
		doc.status_change_log = log.map((row, i) => ({ ...row, idx: i + 1, parentfield: 'status_change_log', parenttype: 'CRM Deal', doctype: 'CRM Status Change Log' }));
		if (typeOf(status) === 'Won') doc.closed_date = now.slice(0, 10);
	}
	if (!doc.probability) doc.probability = Number(statuses.get(status)?.probability ?? 0);
}

// --- Quote Generator (issue 18) ---
// A quote for a CRM Deal lands in the deal's products table and, where the site has ERPNext, in a
// Quotation linked to the deal (docs/decisions/0035). Facts from frappe/crm @ 8b7dfdde unless named.

/**
 * crm/fcrm/doctype/crm_product/crm_product.json: `autoname` field:product_code (so the name is the
 * code), product_code Data reqd unique, product_name, disabled, standard_rate; System Manager, Sales
 * Manager and Sales User read/write/create/delete. `erpnext_item_code` is the Custom Field that
 * erpnext_crm_settings.py create_custom_fields_in_frappe_crm adds once the ERPNext integration is on;
 * it is listed here so a test can seed mirrored products (ERPNext → CRM Product,
 * crm/integrations/erpnext/item.py). Hoisted (a function), so the tables above can spread it.
 */
function quoteGeneratorDoctypeFields(): Record<string, CrmFieldDef[]> {
	return {
		'CRM Product': [
			['naming_series', 'Select', 'Naming Series', 'CRM-PROD-.YYYY.-'],
			['product_code', 'Data', 'Product Code', '', 1],
			['product_name', 'Data', 'Product Name'],
			['disabled', 'Check', 'Disabled'],
			['image', 'Attach Image', 'Image'],
			['description', 'Text Editor', 'Description'],
			['standard_rate', 'Currency', 'Standard Selling Rate'],
			['erpnext_item_code', 'Data', 'Item Code in ERPNext'],
		],
	};
}
function quoteGeneratorNaming(): Record<string, CrmNaming> {
	return { 'CRM Product': { field: 'product_code' } };
}

/**
 * crm/fcrm/doctype/crm_products/crm_products.json: the child table of CRM Deal's (and CRM Lead's)
 * `products` field (istable): product_code Link to CRM Product, product_name Data reqd, qty Float
 * (default 1), rate Currency reqd, discount_percentage Percent, discount_amount, amount and net_amount
 * Currency read-only. The server computes none of them: crm_products.py
 * get_product_details_script is the form script that does, in the browser (amount = qty × rate,
 * discount_amount = discount % × amount, net_amount = amount − discount_amount; the deal's total =
 * Σ amount, net_total = Σ net_amount, or total when no row has a net amount). So a client that writes
 * the table over REST must send all of them, and the fake stores what it gets.
 */
export const CRM_PRODUCTS_FIELDS: CrmFieldDef[] = [
	['product_code', 'Link', 'Product', 'CRM Product'],
	['product_name', 'Data', 'Product Name', '', 1],
	['qty', 'Float', 'Quantity'],
	['rate', 'Currency', 'Rate', 'currency', 1],
	['discount_percentage', 'Percent', 'Discount %'],
	['discount_amount', 'Currency', 'Discount Amount', 'currency'],
	['amount', 'Currency', 'Amount', 'currency'],
	['net_amount', 'Currency', 'Net Amount', 'currency'],
];

/**
 * The `products` rows a CRM Deal save would refuse: Frappe's _validate_mandatory runs on child rows
 * too (frappe/model/base_document.py, "Error: Value missing for CRM Products: Product Name"), and a
 * product_code must name a CRM Product (frappe/model/document.py _validate_links, 417
 * LinkValidationError "Could not find Row #1: Product: X").
 */
export function checkDealProducts(rows: unknown, productExists: (code: string) => boolean): void {
	if (!Array.isArray(rows)) return;
	rows.forEach((raw, i) => {
		const row = (raw ?? {}) as Record<string, unknown>;
		for (const [fieldname, , label, , reqd] of CRM_PRODUCTS_FIELDS) {
			const value = row[fieldname];
			if (reqd && (value === undefined || value === null || value === '')) {
				throw new CrmValidationError(417, 'MandatoryError', `Error: Value missing for CRM Products: ${label}`, 'Missing Fields');
			}
		}
		const code = row.product_code;
		if (typeof code === 'string' && code !== '' && !productExists(code)) {
			throw new CrmValidationError(417, 'LinkValidationError', `Could not find Row #${i + 1}: Product: ${code}`, 'Link Validation');
		}
	});
}

/**
 * frappe/frappe frappe/utils/change_log.py get_versions (whitelisted): `{app: {title, description,
 * branch, version}}` for every installed app, `version` from `<app>.__version__`. ERPNext's develop
 * branch reads "16.0.0-dev"-style (a `-dev` suffix), releases "15.64.1". The Quote Generator reads it to
 * decide whether a Quotation may be made to a CRM Deal (frappe/erpnext develop
 * erpnext/selling/doctype/quotation/quotation.py set_customer_name has the "CRM Deal" branch; the v14
 * and v15 files do not, docs/real-servers.md).
 */
export function frappeVersions(apps: ReadonlySet<string>, erpnextVersion: string): Record<string, Record<string, string>> {
	const out: Record<string, Record<string, string>> = {
		frappe: { title: 'Frappe Framework', description: 'Full stack web framework', branch: 'version-15', version: '15.0.0' },
	};
	if (apps.has('erpnext')) out.erpnext = { title: 'ERPNext', description: 'ERP made simple', branch: /dev/.test(erpnextVersion) ? 'develop' : `version-${erpnextVersion.split('.')[0]}`, version: erpnextVersion };
	if (apps.has('crm')) out.crm = { title: 'Frappe CRM', description: 'Kick-ass Open Source CRM', branch: 'develop', version: '1.0.0' };
	return out;
}

/**
 * frappe/erpnext develop quotation.py set_customer_name: a Quotation to a CRM Deal takes the deal's
 * `organization` as customer_name. Dynamic Link validation (frappe/model/document.py _validate_links)
 * needs the deal to exist, as for a Lead or Customer.
 */
export function quotationToCrmDeal(doc: Record<string, unknown>, deal: Record<string, unknown> | undefined): string | undefined {
	if (doc.quotation_to !== 'CRM Deal') return undefined;
	if (!deal) return `Party: ${String(doc.party_name)}`;
	doc.customer_name = deal.organization ?? '';
	return undefined;
}

// --- Outreach (issue 18) ---
// What Outreach reads and writes on a Frappe CRM site (docs/decisions/0034). Frappe CRM keeps no opt-out
// field on CRM Lead or CRM Deal (crm/fcrm/doctype/crm_lead/crm_lead.json, crm_deal.json @ 8b7dfdde:
// no "unsubscribed"); the opt-outs on the site are Frappe's own: Contact `unsubscribed` (frappe/frappe
// frappe/contacts/doctype/contact/contact.json, Check, default 0; the Contact doctype is served by the
// generic surface) and Email Unsubscribe records. A converted lead's Contact carries its e-mail and
// mobile (crm_lead.py create_contact: email_ids/phone_nos rows, email_id/mobile_no set from them);
// a deal lists its Contacts in `contacts` (CRM Contacts: contact, is_primary).

/**
 * frappe/frappe frappe/email/doctype/email_unsubscribe/email_unsubscribe.json: fields email (reqd),
 * reference_doctype, reference_name, global_unsubscribe (Check, default 0); one permission row,
 * System Manager (read/write/create/delete), so any other role is refused (403) even to read.
 */
export const OUTREACH_DOCTYPES: ReadonlySet<string> = new Set(['Email Unsubscribe']);
export const OUTREACH_ROLE_PERMISSIONS: Record<string, Partial<Record<Perm, string[]>>> = {
	'Email Unsubscribe': grant(['System Manager']),
};

/**
 * The `communication` activities of a lead's or deal's page: crm/api/activities.py get_lead_activities /
 * get_deal_activities (lines "for communication in docinfo.communications + docinfo.automated_messages")
 * turn each Communication of frappe's get_docinfo (frappe/desk/form/load.py: reference_doctype/
 * reference_name = the record, communication_type "Communication" or "Automated Message", newest first,
 * at most 21) into {activity_type: "communication", communication_type, communication_date (or
 * creation), creation, data: {subject, content, sender_full_name, sender, recipients, cc, bcc,
 * attachments, read_by_recipient, delivery_status}, is_lead}. Attachments are not mirrored ([]).
 */
export function communicationActivities(communications: Array<Record<string, unknown>>, isLead: boolean): Activity[] {
	return communications
		.filter((c) => c.communication_type === 'Communication' || c.communication_type === 'Automated Message')
		.sort((a, b) => (String(a.creation) < String(b.creation) ? 1 : String(a.creation) > String(b.creation) ? -1 : 0))
		.slice(0, 21)
		.map((c) => ({
			activity_type: 'communication',
			communication_type: c.communication_type,
			communication_date: c.communication_date || c.creation,
			creation: c.creation,
			owner: c.owner,
			data: {
				subject: c.subject ?? null,
				content: c.content ?? null,
				sender_full_name: c.sender_full_name ?? null,
				sender: c.sender ?? null,
				recipients: c.recipients ?? null,
				cc: c.cc ?? null,
				bcc: c.bcc ?? null,
				attachments: [],
				read_by_recipient: c.read_by_recipient ?? 0,
				delivery_status: c.delivery_status ?? null,
			},
			is_lead: isLead,
		}));
}

/**
 * crm/hooks.py doc_events Communication on_update → crm/utils/__init__.py on_communication_update (also
 * run on insert): a Communication on a CRM Lead or CRM Deal sets the record's `modified` to now
 * (update_modified=False) when FCRM Settings update_timestamp_on_new_communication is on (default 1,
 * fcrm_settings.json); communication_status changes only with auto_mark_replied_on_response /
 * auto_reopen_on_new_communication, both default 0, so not here. Answers the record to stamp.
 */
export function communicationTouches(communication: Record<string, unknown>): { doctype: string; name: string } | undefined {
	const doctype = String(communication.reference_doctype ?? '');
	const name = String(communication.reference_name ?? '');
	return (doctype === 'CRM Lead' || doctype === 'CRM Deal') && name !== '' ? { doctype, name } : undefined;
}

// --- Outcome history on Frappe CRM (issue 20) ---
// A closed CRM Lead history as a site holds it after people worked it, for the Lead Score Calibration
// backtest. Facts from frappe/crm @ 8b7dfdde: crm/fcrm/doctype/crm_lead/crm_lead.py convert_to_deal
// db_sets the lead's status "Qualified" (when that CRM Lead Status exists) and `converted` 1, then
// create_deal makes a CRM Deal with `lead` = the lead's name (crm_deal.json field `lead`, Link to CRM
// Lead); a deal is won or lost by moving it to a CRM Deal Status of type Won / Lost (crm/install.py
// add_default_deal_statuses: "Won", "Lost"; crm_deal_status.json field `type`); a lead never converted is
// lost by a CRM Lead Status of type Lost (install.py add_default_lead_statuses: "Unqualified", "Junk"),
// which crm_lead.py validate_lost_reason accepts only with a `lost_reason` (CRM Lost Reason). Notes are
// FCRM Notes (fcrm_note.json) with reference_doctype "CRM Lead" and reference_docname the lead.
// Seeded through the state (no validation, as a site's data already is), `creation` set by db_set as
// seedClosedLeads does for ERPNext.

/** How a CRM Lead of the history ended: its deal won, still open or lost, or the lead lost unconverted. */
export type CrmHistoryOutcome = 'deal_won' | 'deal_open' | 'deal_lost' | 'lead_lost';

export interface CrmHistoryRow {
	lead: Record<string, unknown>;
	creation: string;
	outcome: CrmHistoryOutcome;
	/** FCRM Note contents (HTML), oldest first. */
	notes: string[];
}

interface SeedableState {
	seed(doctype: string, rows: Array<Record<string, unknown>>): Array<Record<string, unknown> & { name: string }>;
	dbSet(doctype: string, name: string, changes: Record<string, unknown>): Record<string, unknown>;
}

export function seedCrmOutcomeHistory(state: SeedableState, rows: readonly CrmHistoryRow[]): string[] {
	return rows.map((row, i) => {
		const lost = row.outcome === 'lead_lost';
		const [lead] = state.seed('CRM Lead', [
			{
				naming_series: 'CRM-LEAD-.YYYY.-',
				...row.lead,
				status: lost ? (i % 2 ? 'Unqualified' : 'Junk') : 'Qualified',
				converted: lost ? 0 : 1,
				...(lost ? { lost_reason: 'Other', lost_notes: 'No fit' } : {}),
			},
		]);
		state.dbSet('CRM Lead', lead.name, { creation: row.creation });
		row.notes.forEach((content, n) => {
			const [note] = state.seed('FCRM Note', [
				{ title: `Note ${n + 1}`, content, reference_doctype: 'CRM Lead', reference_docname: lead.name },
			]);
			state.dbSet('FCRM Note', note.name, { creation: row.creation });
		});
		if (!lost) {
			const status = row.outcome === 'deal_won' ? 'Won' : row.outcome === 'deal_lost' ? 'Lost' : 'Negotiation';
			state.seed('CRM Deal', [
				{
					naming_series: 'CRM-DEAL-.YYYY.-',
					lead: lead.name,
					organization: row.lead.organization,
					status,
					...(status === 'Lost' ? { lost_reason: 'Other' } : {}),
				},
			]);
		}
		return lead.name;
	});
}

// --- Desk approval on Frappe CRM (issue 19, ADR 0041) ---
// A quote to review for a CRM Deal is a CRM Task on the deal that its approver sets to Done or Canceled.
// Facts from frappe/crm @ 8b7dfdde unless named:
// - crm/fcrm/doctype/crm_task/crm_task.json: status Select "Backlog\nTodo\nIn Progress\nDone\nCanceled"
//   (no default), priority Select "Low\nMedium\nHigh". frappe/frappe frappe/model/base_document.py
//   _validate_selects (every save, insert and update): a value outside the options is a ValidationError
//   (417) '{prefix} {label} cannot be "{value}". It should be one of "{options joined by '", "'}"'.
// - crm_task.py after_insert → assign_to (frappe.desk.form.assign_to.add) of `assigned_to` with
//   description = title or description: a ToDo (status Open, reference_type "CRM Task", reference_name the
//   task, allocated_to the user, assigned_by the session user). crm/hooks.py doc_events ToDo after_insert
//   → crm/api/todo.py after_insert → notify_assigned_user → crm_notification.py notify_user: a CRM
//   Notification {from_user: session user, to_user: the assignee, type "Assignment", message "{owner}
//   assigned a CRM Task {task} to you", notification_type_doctype "CRM Task", notification_type_doc the
//   task, reference_doctype/reference_name the task's own reference (get_redirect_to_doc), read 0},
//   skipped when the assignee is the session user or the same notification exists. notification_text
//   (HTML with the task's title, not escaped by Frappe CRM) is left out here.
// - A deal's page lists its tasks (crm/api/activities.py get_linked_tasks, mirrored in erpnext-server.mts
//   get_activities) and TaskArea.vue lets the assignee change the status from the list.
// Lead reviews (ADR 0047) rely on nothing the generic server does not already do: a CRM Task's reference may
// be a CRM Lead (get_linked_tasks filters by reference_docname only; frontend/src/doctypes/crm_task/form.js
// opens a Lead or a Deal), after_insert above is the same for it, and the one-task-per-approval key is a
// unique Custom Field on CRM Task, refused on the second insert by erpnext-server.mts checkUnique (417
// UniqueValidationError, before the insert's after_insert, as Frappe's db_insert fails inside the insert).
// The reviewer's Reviewed Route is a Select in the lead's side panel, saved on change
// (frontend/src/components/SidePanelLayout.vue fieldChange → document.save.submit): a plain save of the lead.

export const CRM_TASK_SELECTS: Record<string, string[]> = {
	status: ['Backlog', 'Todo', 'In Progress', 'Done', 'Canceled'],
	priority: ['Low', 'Medium', 'High'],
};

/** _validate_selects for CRM Task: an empty value passes; anything else must be one of the options. */
export function validateCrmTaskSelects(doc: Record<string, unknown>): void {
	for (const [fieldname, options] of Object.entries(CRM_TASK_SELECTS)) {
		const raw = doc[fieldname];
		if (raw === undefined || raw === null || raw === '') continue;
		const value = String(raw).trim();
		doc[fieldname] = value;
		if (!options.includes(value)) {
			const label = fieldname === 'status' ? 'Status' : 'Priority';
			throw new CrmValidationError(417, 'ValidationError', ` ${label} cannot be "${value}". It should be one of "${options.join('", "')}"`);
		}
	}
}

/**
 * What a new CRM Task with `assigned_to` leaves behind besides itself (crm_task.py after_insert and the
 * ToDo hook): the assignment ToDo and, unless the session user assigned it to themselves, the
 * assignee's CRM Notification. The caller stores them.
 */
export function crmTaskAfterInsert(task: Record<string, unknown>, sessionUser: string, today: string): Array<[string, Record<string, unknown>]> {
	const user = typeof task.assigned_to === 'string' ? task.assigned_to : '';
	if (!user) return [];
	const out: Array<[string, Record<string, unknown>]> = [
		[
			'ToDo',
			{
				status: 'Open',
				allocated_to: user,
				reference_type: 'CRM Task',
				reference_name: task.name,
				description: task.title || task.description,
				date: today,
				priority: 'Medium',
				assigned_by: sessionUser,
			},
		],
	];
	if (user !== sessionUser) {
		out.push([
			'CRM Notification',
			{
				from_user: sessionUser,
				to_user: user,
				type: 'Assignment',
				message: `${sessionUser} assigned a CRM Task ${String(task.name)} to you`,
				notification_type_doctype: 'CRM Task',
				notification_type_doc: task.name,
				reference_doctype: task.reference_doctype ?? null,
				reference_name: task.reference_docname ?? null,
				read: 0,
			},
		]);
	}
	return out;
}
// --- end of desk approval on Frappe CRM ---
