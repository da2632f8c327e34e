// InvenTree money as the node outputs it. InvenTree sends prices as decimal strings ("12.500000") or
// floats, or null, each with its own currency (inventree.md §6). Items carry the value as sent plus
// integer minor units of the currency (rounded half-even, since InvenTree keeps six decimals) so later
// steps add money exactly (core/money), and a display string for people ("€831.73").
import type { IDataObject } from 'n8n-workflow';

import type { InvenTreeMoney } from '../../../connectors/inventree';
import {
	displayMinorUnits,
	formatMinorUnits,
	multiplyMinorUnits,
	toMinorUnits,
} from '../../../core/money';

export interface NodeMoney extends IDataObject {
	/** The value as InvenTree sent it. */
	amount: string;
	/** Integer minor units of `currency`, rounded half-even; null when the currency is unknown. */
	minor: number | null;
	/** The minor units as a plain decimal ("12.50"). */
	value: string | null;
	currency: string | null;
	/** For people (issue 16): "€12.50", "¥1,200"; null when the currency is unknown. */
	display: string | null;
}

export function moneyOf(
	amount: InvenTreeMoney | undefined,
	currency: string | null | undefined,
): NodeMoney | null {
	if (amount === null || amount === undefined || amount === '') return null;
	const code = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
	if (!/^[A-Z]{3}$/.test(code))
		return { amount: String(amount), minor: null, value: null, currency: null, display: null };
	const minor = toMinorUnits(amount, code, { rounding: 'half-even' });
	return {
		amount: String(amount),
		minor,
		value: formatMinorUnits(minor, code),
		currency: code,
		display: displayMinorUnits(minor, code),
	};
}

/** Unit price × quantity in minor units (half-even), or null without a usable unit price. */
export function lineTotal(unit: NodeMoney | null, quantity: number): NodeMoney | null {
	if (!unit || unit.minor === null || unit.currency === null) return null;
	const minor = multiplyMinorUnits(unit.minor, quantity);
	const value = formatMinorUnits(minor, unit.currency);
	return {
		amount: value,
		minor,
		value,
		currency: unit.currency,
		display: displayMinorUnits(minor, unit.currency),
	};
}
