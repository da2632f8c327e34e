// Which lead field an item's key holds, for the keys real sources use: our canonical names, web forms
// ("Company Name", "Email Address", "Your message"), Google Sheets and CSV headers, Typeform and
// HubSpot exports ("First Name", "Job Title", "Phone Number", "Number of Employees", "Country/Region"),
// ERPNext export labels ("Organization Name", "Mobile No", "No of Employees"). One table, matched on a
// normalised key (case, spaces, punctuation and accents ignored), so "Email Address", "email_address"
// and "E-mail address" are one key. The ERPNext field names of a Lead record are read by the node's
// ERPNext branch, not here: an ERPNext `title` is the record title, not the job title.
//
// One exception to normalised matching: the exact key `name` is the record reference (ERPNext's and
// our convention), while "Name" or "Full Name" from a form is the contact's name.

export type LeadKeyField =
	| 'ref'
	| 'company'
	| 'contactName'
	| 'firstName'
	| 'lastName'
	| 'title'
	| 'email'
	| 'phone'
	| 'industry'
	| 'employees'
	| 'country'
	| 'source'
	| 'message';

/** Lower case, accents removed, every character that is not a letter or digit dropped ("# Employees" → "employees"). */
export function normaliseKey(key: string): string {
	return key
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

// Per field, the normalised synonyms in order of preference (the first non-empty one wins).
export const LEAD_KEY_SYNONYMS: Readonly<Record<LeadKeyField, readonly string[]>> = {
	ref: [
		'ref',
		'id',
		'leadref',
		'leadid',
		'leadreference',
		'reference',
		'recordid',
		'externalid',
		'submissionid',
		'responseid',
	],
	company: [
		'company',
		'companyname',
		'yourcompany',
		'yourcompanyname',
		'organisation',
		'organization',
		'organisationname',
		'organizationname',
		'org',
		'business',
		'businessname',
		'account',
		'accountname',
		'employer',
		'firm',
		'firma',
		'unternehmen',
		'empresa',
		'societe',
		'entreprise',
	],
	contactName: [
		'contactname',
		'fullname',
		'yourname',
		'yourfullname',
		'name',
		'contact',
		'contactperson',
		'personname',
		'leadname',
		'customername',
		'nombre',
		'nom',
	],
	firstName: ['firstname', 'givenname', 'fname', 'forename', 'vorname', 'yourfirstname'],
	lastName: [
		'lastname',
		'surname',
		'familyname',
		'lname',
		'nachname',
		'yourlastname',
		'apellido',
		'apellidos',
	],
	title: [
		'title',
		'jobtitle',
		'yourjobtitle',
		'position',
		'role',
		'yourrole',
		'jobrole',
		'jobposition',
		'designation',
		'function',
		'jobfunction',
		'occupation',
		'funktion',
		'cargo',
		'poste',
	],
	email: [
		'email',
		'emailaddress',
		'youremail',
		'youremailaddress',
		'mail',
		'emailid',
		'workemail',
		'businessemail',
		'workemailaddress',
		'businessemailaddress',
		'contactemail',
		'emailadresse',
		'correo',
		'correoelectronico',
	],
	phone: [
		'phone',
		'phonenumber',
		'yourphone',
		'yourphonenumber',
		'phoneno',
		'mobile',
		'mobilephone',
		'mobileno',
		'mobilenumber',
		'mobilephonenumber',
		'telephone',
		'telephonenumber',
		'tel',
		'cell',
		'cellphone',
		'whatsapp',
		'whatsappno',
		'whatsappnumber',
		'contactnumber',
		'telefon',
		'telefono',
		'telefonnummer',
	],
	industry: [
		'industry',
		'sector',
		'vertical',
		'industrysector',
		'businesstype',
		'branche',
		'industria',
		'sectorindustria',
	],
	employees: [
		'employees',
		'numberofemployees',
		'noofemployees',
		'nofemployees',
		'numemployees',
		'employeecount',
		'employeesnumber',
		'companysize',
		'headcount',
		'staff',
		'size',
		'mitarbeiter',
		'anzahlmitarbeiter',
		'empleados',
	],
	country: ['country', 'countryregion', 'countryname', 'yourcountry', 'nation', 'land', 'pais'],
	source: [
		'source',
		'leadsource',
		'utmsource',
		'originalsource',
		'howdidyouhearaboutus',
		'howdidyoufindus',
		'referrer',
		'channel',
	],
	message: [
		'message',
		'yourmessage',
		'notes',
		'note',
		'comments',
		'comment',
		'description',
		'details',
		'projectdetails',
		'enquiry',
		'inquiry',
		'yourenquiry',
		'yourinquiry',
		'request',
		'yourrequest',
		'requirements',
		'question',
		'questions',
		'howcanwehelp',
		'howcanwehelpyou',
		'whatcanwedoforyou',
		'additionalinformation',
		'body',
		'text',
		'nachricht',
		'mensaje',
		'mensagem',
	],
};

const FIELD_OF = new Map<string, LeadKeyField>();
for (const [field, keys] of Object.entries(LEAD_KEY_SYNONYMS) as Array<
	[LeadKeyField, readonly string[]]
>) {
	for (const key of keys) {
		if (FIELD_OF.has(key)) throw new Error(`lead key synonym "${key}" is listed twice`);
		FIELD_OF.set(key, field);
	}
}

// A form's question as a column header (Typeform, Google Forms, Jotform CSV exports): "What's your
// company name?", "What is your email address?", "Please enter your phone number". The question words
// are dropped and the rest is looked up again.
const QUESTION_PREFIX =
	/^(?:whatis|whats|whatsis|pleaseenter|pleasetellus|pleaseprovide|please|enter|tellus|provide)+/;

/** The lead field an item key holds, or undefined. */
export function leadFieldOfKey(key: string): LeadKeyField | undefined {
	if (key === 'name') return 'ref';
	const normalised = normaliseKey(key);
	return FIELD_OF.get(normalised) ?? FIELD_OF.get(normalised.replace(QUESTION_PREFIX, ''));
}

function present(value: unknown): boolean {
	return (
		value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
	);
}

export interface KeyedLead {
	/** Per field, the value of the most preferred key that has one. */
	values: Partial<Record<LeadKeyField, unknown>>;
	/** Per field, the item key it was read from. */
	from: Partial<Record<LeadKeyField, string>>;
}

/**
 * Reads the lead fields of a flat record by the synonym table. A field's value comes from its most
 * preferred synonym present with a value; empty strings and nulls count as absent.
 */
export function readLeadKeys(record: Readonly<Record<string, unknown>>): KeyedLead {
	const best = new Map<LeadKeyField, { rank: number; key: string }>();
	for (const [key, value] of Object.entries(record)) {
		if (!present(value)) continue;
		const field = leadFieldOfKey(key);
		if (!field) continue;
		// Exact synonyms by their order; `name` and question headers after them.
		const direct = LEAD_KEY_SYNONYMS[field].indexOf(normaliseKey(key));
		const rank =
			key === 'name' || direct < 0
				? LEAD_KEY_SYNONYMS[field].length + (key === 'name' ? 0 : 1)
				: direct;
		const seen = best.get(field);
		if (!seen || rank < seen.rank) best.set(field, { rank, key });
	}
	const values: KeyedLead['values'] = {};
	const from: KeyedLead['from'] = {};
	for (const [field, { key }] of best) {
		values[field] = record[key];
		from[field] = key;
	}
	return { values, from };
}
