// Propose-only mode (issue 19): when it is on, an AI write (fields, a quote sent automatically, a risk
// action) is not applied; it becomes a proposal on the record that a person approves in the desk, and is
// applied once on approval. Two switches turn it on: the node's own "Propose Only" parameter, and the
// ERPNext / Frappe credential's "Propose Only" switch, which is the one switch for the whole pipeline
// (every node that writes to that site uses the credential). Either one is enough; neither can turn the
// other off, so a pipeline switched to propose-only cannot be bypassed by one node.

export interface ProposeOnlyMode {
	on: boolean;
	/** Why it is on, in words for the record and the output; null when it is off. */
	reason: string | null;
}

export function proposeOnlyMode(nodeSwitch: unknown, credentialSwitch: unknown): ProposeOnlyMode {
	if (credentialSwitch === true) {
		return {
			on: true,
			reason: "propose-only mode is on for this site (the credential's Propose Only switch)",
		};
	}
	if (nodeSwitch === true) {
		return {
			on: true,
			reason: 'propose-only mode is on for this node (its Propose Only parameter)',
		};
	}
	return { on: false, reason: null };
}
