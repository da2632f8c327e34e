// Whether a Mautic campaign respects do-not-contact. An `email.send` step without
// `email_type: marketing` is sent as transactional, and transactional email ignores DNC (mautic.md
// §4, §6), so enrolling a contact who unsubscribed would still mail them. Enroll and the template
// clone refuse such campaigns and name the offending steps.
import type { MauticCampaign } from '../../../connectors/mautic';

export interface UnsafeStep {
	id: string;
	name: string;
	emailType: string | null;
}

function emailTypeOf(properties: unknown): string | null {
	if (!properties || typeof properties !== 'object') return null;
	const record = properties as Record<string, unknown>;
	if (typeof record.email_type === 'string' && record.email_type !== '') return record.email_type;
	// Some Mautic versions nest the form values one level deeper.
	const nested = record.properties;
	if (
		nested &&
		typeof nested === 'object' &&
		typeof (nested as Record<string, unknown>).email_type === 'string'
	) {
		return (nested as Record<string, string>).email_type;
	}
	return null;
}

export function transactionalEmailSteps(campaign: MauticCampaign): UnsafeStep[] {
	return campaign.events
		.filter((e) => e.type === 'email.send' && emailTypeOf(e.properties) !== 'marketing')
		.map((e) => ({
			id: String(e.id),
			name: e.name ?? `event ${String(e.id)}`,
			emailType: emailTypeOf(e.properties),
		}));
}

export function unsafeCampaignMessage(
	campaign: MauticCampaign,
	steps: readonly UnsafeStep[],
): string {
	const list = steps
		.map(
			(s) => `"${s.name}" (event ${s.id}, email type ${s.emailType ?? 'not set = transactional'})`,
		)
		.join(', ');
	return `Mautic campaign ${campaign.id}${campaign.name ? ` "${campaign.name}"` : ''} has email steps that Mautic sends as transactional, which ignore do-not-contact: ${list}. Set their email type to Marketing in Mautic`;
}

export function emailSteps(
	campaign: MauticCampaign,
): Array<{ id: string; name: string | null; type: string; emailType: string | null }> {
	return campaign.events.map((e) => ({
		id: String(e.id),
		name: e.name ?? null,
		type: e.type,
		emailType: e.type === 'email.send' ? emailTypeOf(e.properties) : null,
	}));
}
