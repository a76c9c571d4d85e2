import { availableCredit } from '../../../shared/account-balance';
import type { Customer, CustomerSummary } from '../../../shared/contract/customers.contract';
import { formatCuit, formatDni } from '../../../shared/tax-id';
import type { CustomerRow } from '../repositories/customer.repository';

/** The printed form; a tax id that no longer passes the rules (synced from an older terminal, say) shows as stored. */
export function taxIdDisplay(row: Pick<CustomerRow, 'tax_id_kind' | 'tax_id'>): string | null {
  if (row.tax_id === null || row.tax_id_kind === null) return null;
  try {
    return row.tax_id_kind === 'dni' ? formatDni(row.tax_id) : formatCuit(row.tax_id);
  } catch {
    return row.tax_id;
  }
}

export function toCustomerSummary(row: CustomerRow, balance: number): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    taxIdKind: row.tax_id_kind,
    taxId: row.tax_id,
    taxIdDisplay: taxIdDisplay(row),
    phone: row.phone,
    email: row.email,
    archived: row.archived === 1,
    balance,
  };
}

export function toCustomer(row: CustomerRow, balance: number): Customer {
  return {
    ...toCustomerSummary(row, balance),
    address: row.address,
    notes: row.notes,
    creditLimit: row.credit_limit,
    availableCredit: availableCredit(balance, row.credit_limit),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  };
}
