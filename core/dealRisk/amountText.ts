// Renders integer minor units as text for evidence sentences ("EUR 48,000.00"): the currency's
// ISO 4217 exponent comes from core/money, the digits are placed with string arithmetic only, so no
// float ever touches an amount. Thousands are grouped for people reading an alert (core/money's own
// format is the plain machine form "48000.00").
import { minorUnitExponent } from '../money';

/** `EUR 48,000.00` for (4_800_000, 'EUR'); `JPY 1,200,000` for (1_200_000, 'JPY'). */
export function amountText(minor: number, currency: string): string {
	const exponent = minorUnitExponent(currency);
	const negative = minor < 0;
	const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
	let grouped = '';
	for (let i = 0; i < whole.length; i++) {
		if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
		grouped += whole[i];
	}
	return `${currency.toUpperCase()} ${negative ? '-' : ''}${grouped}${fraction}`;
}
