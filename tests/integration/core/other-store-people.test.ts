/**
 * A terminal may still hold people of another store: users were global before they had a home store, and central
 * 0011 tells every terminal where each one belongs rather than taking them away (their sales here keep their
 * name). Such a person acts for nothing here: their PIN approves no override, they take no repair, and the sales
 * list still shows a sale whose seller this terminal no longer holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';

const OTHER_STORE = '01900000-0000-7000-8000-00000000b0b0';

let h: CoreHarness;

/** A user written into the file as a pull would have, with the admin's PIN (1234). */
function holdUser(role: string, storeId: string | null): string {
  const id = newId();
  const db = h.writable();
  db.prepare(
    `INSERT INTO users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, hlc)
     SELECT ?, ?, ?, pin_hash, ?, 0, created_at, updated_at, 1, hlc FROM users WHERE role = 'admin'`,
  ).run(id, `${role} ${storeId ?? 'cadena'}`, role, storeId);
  db.close();
  return id;
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp('1234');
});

afterEach(async () => {
  await h.close();
});

describe("another store's people on this terminal", () => {
  it("approve no manager override; this store's managers and the chain's admins do", async () => {
    const charger = await h.createProduct({ sku: 'CARG', name: 'Cargador', price: 2_000_000 });
    const customerId = (await h.ok('customers.create', { name: 'Juan Pérez', creditLimit: 1_000_000 })).id;
    const sale = (managerId: string) => ({
      saleId: newId(),
      customerId,
      lines: [{ productId: charger.id, quantity: 1 }],
      payments: [{ method: 'customer_account' as const, amount: 2_000_000 }],
      managerOverride: { managerId, pin: '1234' },
    });
    const elsewhere = holdUser('manager', OTHER_STORE);
    expect(await h.fails('sales.complete', sale(elsewhere))).toMatchObject({
      code: 'FORBIDDEN',
      issues: [{ path: 'managerOverride.pin' }],
    });
    const chainAdmin = holdUser('admin', null);
    await h.ok('sales.complete', sale(chainAdmin));
  });

  it('take no repair', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Ana López' })).id;
    const order = await h.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Samsung', model: 'Galaxy A15', imei: '49 015420 323751 8' },
      accessories: [],
      conditionNotes: '',
      reportedFault: 'no carga',
    });
    const elsewhere = holdUser('technician', OTHER_STORE);
    expect(await h.fails('repairs.assign', { orderId: order.id, technicianId: elsewhere })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'technicianId' }],
    });
    await h.ok('repairs.assign', { orderId: order.id, technicianId: holdUser('technician', null) });
  });

  it('keep the sales they made here listed once the terminal no longer holds them', async () => {
    const charger = await h.createProduct({ sku: 'CARG', name: 'Cargador', price: 2_000_000 });
    const receipt = await h.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: charger.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 2_000_000 },
    });
    const db = h.writable();
    // A terminal that joined after central 0011 never held the seller of a sale made here before it.
    db.pragma('foreign_keys = OFF');
    db.prepare('UPDATE sync_state SET repairing = 1').run();
    db.prepare('UPDATE sales SET user_id = ? WHERE id = ?').run(newId(), receipt.id);
    db.prepare('UPDATE sync_state SET repairing = 0').run();
    db.close();
    const { items } = await h.ok('sales.recent', { limit: 10 });
    expect(items.map((i) => [i.id, i.cashierName])).toEqual([[receipt.id, '']]);
  });
});
