// The Quotation as PDF (Frappe's download_pdf, connectors/erpnext), for the output item's binary data.
import type { ErpNextClient } from '../../../connectors/erpnext';

export async function quotationPdf(client: ErpNextClient, name: string, printFormat?: string) {
	return await client.downloadPdf('Quotation', name, printFormat ? { format: printFormat } : {});
}
