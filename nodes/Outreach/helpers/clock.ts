// The Outreach node's clock: the optional "Now" parameter (empty = the real time), so tests, dry runs and
// replays decide quiet hours, caps and deferrals reproducibly; read like every date parameter
// (nodes/shared/clock.ts).
import type { IExecuteFunctions } from 'n8n-workflow';

import { clockParameter } from '../../shared/clock';
import { movedParameter } from '../../shared/movedOption';

export function readNow(ctx: IExecuteFunctions, itemIndex: number): Date {
	return clockParameter(ctx, movedParameter(ctx, 'now', itemIndex), 'Now', itemIndex);
}
