import type { StoreHeader } from '../../shared/contract/store.contract';
import { useT } from '../i18n/i18n';

/** The store's address, phone and CUIT under its name on every paper it prints; a field not set prints nothing. */
export function StoreHeaderLines({ header }: { header: StoreHeader }) {
  const t = useT();
  return (
    <>
      {header.address ? <p data-testid="store-header-address">{header.address}</p> : null}
      {header.phone ? <p data-testid="store-header-phone">{t('store.header.phone', { phone: header.phone })}</p> : null}
      {header.taxId ? (
        <p data-testid="store-header-tax-id">{t('store.header.taxId', { taxId: header.taxId })}</p>
      ) : null}
    </>
  );
}
