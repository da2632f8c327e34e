// The one URL rule and the one e-mail address rule (issue 14 M3, issue 17 item 2): every node, core
// module and connector that must decide what a link or an address is asks these.
export {
	allowListHost,
	findLinks,
	hostAllowed,
	judgeLink,
	normaliseForLinks,
	refusedLinks,
} from './url';
export type { FoundLink, LinkProblem, LinkVerdict } from './url';
export {
	addressRefusal,
	EMAIL_IN_TEXT,
	emailDomain,
	emailKey,
	findEmailAddresses,
	isEmailAddress,
	trustedAddressKeys,
} from './address';
export type { FoundAddress } from './address';
