// The per-contact frequency cap: at most `max` messages (all channels together) in any rolling window
// of `windowHours`. When the contact is at the cap, the next message waits until the oldest send in
// the window ages out, so the cap holds for every window, not only calendar days.
import type { SentLogEntry } from './schemas';

export interface FrequencyCap {
	max: number;
	windowHours: number;
}

export type CapCheck =
	| { allowed: true; sentInWindow: number }
	| { allowed: false; sentInWindow: number; untilMs: number; reason: string };

/** Checks the cap at `atMs` against the send log (entries after `atMs` are ignored). */
export function checkFrequencyCap(
	sentLog: readonly SentLogEntry[],
	cap: FrequencyCap,
	atMs: number,
): CapCheck {
	const windowMs = cap.windowHours * 3_600_000;
	const inWindow: number[] = [];
	for (const entry of sentLog) {
		const sentMs = Date.parse(entry.at);
		if (sentMs <= atMs && sentMs > atMs - windowMs) inWindow.push(sentMs);
	}
	if (inWindow.length < cap.max) return { allowed: true, sentInWindow: inWindow.length };
	inWindow.sort((a, b) => a - b);
	// After this entry leaves the window, max - 1 sends remain inside it.
	const releasing = inWindow[inWindow.length - cap.max];
	return {
		allowed: false,
		sentInWindow: inWindow.length,
		untilMs: releasing + windowMs,
		reason: `${inWindow.length} message(s) already sent to this contact in the last ${cap.windowHours} h; the cap is ${cap.max}.`,
	};
}
