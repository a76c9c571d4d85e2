/**
 * The randomized convergence test's business operations beyond catalog and cash sales: customers (global),
 * cuenta corriente (payments, managers' adjustments, sales on account with a manager's PIN over the limit) and
 * repair orders (per store: intake, transitions, diagnosis, approval, parts, notes, assignment). Each goes
 * through the terminal's real core; a refusal is an outcome, counted by channel and code, never a failure.
 */
import { TRANSITION_TARGETS } from '../../shared/contract/repairs.contract';
import type { Failure } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { luhnCheckDigit } from '../../shared/imei';
import { allowedTransitions, isRepairStatus, REPAIR_STATUSES, type RepairStatus } from '../../shared/repair-status';
import type { RecordedMutation } from './convergence-model';
import type { ConvergenceWorld, WorldTerminal } from './convergence-world';

/** Statuses on which parts may be booked (repair-bench.service's BENCH_STATUSES). */
const ON_BENCH: readonly RepairStatus[] = ['diagnosing', 'in_repair', 'waiting_parts'];
const OPEN_STATUSES: readonly RepairStatus[] = REPAIR_STATUSES.filter((s) => s !== 'delivered' && s !== 'cancelled');

interface LocalOrder {
  id: string;
  status: string;
  estimate_pre_approved: number;
}

export class BusinessOperations {
  /** Outcomes per `channel ok` or `channel CODE`: refusals (a stale screen, an archived customer) are expected. */
  readonly outcomes = new Map<string, number>();
  private readonly admins = new Map<string, string>();
  private customerCounter = 0;

  constructor(private readonly world: ConvergenceWorld) {}

  private get rng() {
    return this.world.rng;
  }

  private count(channel: string, result: { ok: true } | Failure): void {
    const path = result.ok ? undefined : result.issues?.[0]?.path;
    const key = `${channel} ${result.ok ? 'ok' : result.code}${path ? ` ${path}` : ''}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  /**
   * Sales (señas at intake, a delivery's ticket) and cuenta corriente entries a successful call wrote, from its
   * outbox mutation: the model must then find each on central once, with its charge. Stock is the caller's:
   * repair tickets sell service products that move none.
   */
  private absorb(mutations: readonly RecordedMutation[]): void {
    const { model } = this.world;
    for (const m of mutations) {
      const rows = (key: string) =>
        Array.isArray(m.payload[key]) ? (m.payload[key] as Record<string, unknown>[]) : [];
      for (const sale of rows('sales')) {
        const id = String(sale.id);
        const lines = rows('sale_lines').filter((l) => l.sale_id === id).length;
        model.sales.set(id, { id, store: m.store, lines, total: Number(sale.total), mutationId: m.mutationId });
        const charged = rows('payments')
          .filter((p) => p.sale_id === id && p.method === 'customer_account')
          .reduce((sum, p) => sum + Number(p.amount), 0);
        if (charged > 0) model.saleCharges.set(id, { customerId: String(sale.customer_id), amount: charged });
      }
      for (const entry of rows('customer_account_entries'))
        model.addAccountEntry(String(entry.id), String(entry.customer_id), Number(entry.amount), m);
    }
  }

  /** The terminal's logged-in admin (PIN 1234), who also signs the over-limit overrides. */
  private async adminOf(t: WorldTerminal): Promise<string> {
    const label = this.world.label(t);
    const known = this.admins.get(label);
    if (known) return known;
    const users = await t.sim.harness.ok('users.listForLogin', {});
    const admin = users.users.find((u) => u.role === 'admin');
    if (!admin) throw new Error(`${label} has no admin`);
    this.admins.set(label, admin.id);
    return admin.id;
  }

  private localCustomers(t: WorldTerminal, liveOnly: boolean): string[] {
    const sql = liveOnly
      ? 'SELECT id FROM customers WHERE archived = 0 ORDER BY id'
      : 'SELECT id FROM customers ORDER BY id';
    return (t.sim.sqlite.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  }

  private localOrders(t: WorldTerminal): LocalOrder[] {
    return t.sim.sqlite
      .prepare('SELECT id, status, estimate_pre_approved FROM repair_orders ORDER BY id')
      .all() as LocalOrder[];
  }

  /** An order in one of `statuses` when the terminal holds one, otherwise any (the core then refuses). */
  private pickOrder(t: WorldTerminal, statuses: readonly string[]): LocalOrder | undefined {
    const orders = this.localOrders(t);
    const fitting = orders.filter((o) => statuses.includes(o.status));
    if (fitting.length > 0 && this.rng.chance(0.85)) return this.rng.pick(fitting);
    return orders.length > 0 ? this.rng.pick(orders) : undefined;
  }

  private phone(): string {
    return `11 ${this.rng.int(4000, 6999)}-${this.rng.int(1000, 9999)}`;
  }

  // ---- the store's profile --------------------------------------------------------------------------------------

  /** A manager changes one field of the store's profile; two terminals of a store doing so apart merge per column. */
  async editStoreProfile(t: WorldTerminal): Promise<void> {
    const field = this.rng.pick(['phone', 'address', 'warrantyDays', 'repairTerms'] as const);
    const changes =
      field === 'phone'
        ? { phone: this.phone() }
        : field === 'address'
          ? { address: `Av. Corrientes ${this.rng.int(100, 6000)}` }
          : field === 'warrantyDays'
            ? { warrantyDays: this.rng.pick([30, 60, 90, 180]) }
            : { repairTerms: `Condiciones ${this.rng.int(1, 999)}` };
    const result = await t.sim.harness.call('store.updateProfile', changes);
    this.world.recordNewMutations(t);
    this.count('store.updateProfile', result);
  }

  // ---- customers ---------------------------------------------------------------------------------------------

  async createCustomer(t: WorldTerminal): Promise<void> {
    this.customerCounter++;
    const result = await t.sim.harness.call('customers.create', {
      name: `Cliente ${this.world.label(t)} ${this.customerCounter}`,
      phone: this.rng.chance(0.7) ? this.phone() : '',
      email: this.rng.chance(0.5) ? `cliente${this.customerCounter}@example.com` : '',
      creditLimit: this.rng.chance(0.6) ? this.rng.int(1, 40) * 100_000 : null,
    });
    this.world.recordNewMutations(t);
    this.count('customers.create', result);
  }

  async editCustomer(t: WorldTerminal): Promise<void> {
    const customers = this.localCustomers(t, false);
    if (customers.length === 0) return;
    const changes: { phone?: string; email?: string; notes?: string; creditLimit?: number | null } = {};
    for (let i = this.rng.int(1, 2); i > 0; i--) {
      const column = this.rng.pick(['phone', 'email', 'notes', 'creditLimit'] as const);
      if (column === 'phone') changes.phone = this.phone();
      else if (column === 'email') changes.email = `c${this.rng.int(1, 1_000_000)}@example.com`;
      else if (column === 'notes') changes.notes = `Nota ${this.world.label(t)} ${this.rng.int(1, 1_000_000)}`;
      else changes.creditLimit = this.rng.chance(0.2) ? null : this.rng.int(1, 40) * 100_000;
    }
    const result = await t.sim.harness.call('customers.update', { id: this.rng.pick(customers), changes });
    for (const m of this.world.recordNewMutations(t))
      this.world.model.requested.set(
        m.mutationId,
        Object.entries(changes).map(([column, value]) => ({ column, value })),
      );
    this.count('customers.update', result);
  }

  async archiveCustomer(t: WorldTerminal): Promise<void> {
    const customers = this.localCustomers(t, false);
    if (customers.length === 0) return;
    const result = await t.sim.harness.call('customers.archive', {
      id: this.rng.pick(customers),
      archived: this.rng.chance(0.6),
    });
    this.world.recordNewMutations(t);
    this.count('customers.archive', result);
  }

  // ---- cuenta corriente --------------------------------------------------------------------------------------

  async accountPayment(t: WorldTerminal): Promise<void> {
    const customers = this.localCustomers(t, false);
    if (customers.length === 0) return;
    const entryId = newId();
    const customerId = this.rng.pick(customers);
    const amount = this.rng.int(1, 200) * 1_000;
    const result = await t.sim.harness.call('accounts.recordPayment', {
      entryId,
      customerId,
      amount,
      method: this.rng.pick(['cash', 'transfer'] as const),
    });
    const written = this.world.recordNewMutations(t);
    this.count('accounts.recordPayment', result);
    if (result.ok) this.absorb(written);
  }

  async accountAdjust(t: WorldTerminal): Promise<void> {
    const customers = this.localCustomers(t, false);
    if (customers.length === 0) return;
    const entryId = newId();
    const customerId = this.rng.pick(customers);
    const amount = (this.rng.chance(0.5) ? 1 : -1) * this.rng.int(1, 100) * 1_000;
    const result = await t.sim.harness.call('accounts.adjust', {
      entryId,
      customerId,
      amount,
      note: 'Ajuste de la prueba de convergencia',
    });
    const written = this.world.recordNewMutations(t);
    this.count('accounts.adjust', result);
    if (result.ok) this.absorb(written);
  }

  /** A sale with a customer, wholly or partly on account; over the limit, with the admin's PIN most times. */
  async saleOnAccount(t: WorldTerminal): Promise<void> {
    const products = t.sim.sqlite.prepare('SELECT id, price FROM products WHERE archived = 0 ORDER BY id').all() as {
      id: string;
      price: number;
    }[];
    const customers = this.localCustomers(t, true);
    if (products.length === 0 || customers.length === 0) return;
    const lines = Array.from({ length: this.rng.int(1, 3) }, () => {
      const product = this.rng.pick(products);
      return { productId: product.id, quantity: this.rng.int(1, 2), price: product.price };
    });
    const total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const customerId = this.rng.pick(customers);
    const onAccount = this.rng.chance(0.15) ? 0 : this.rng.chance(0.5) ? total : this.rng.int(1, total);
    const payments: { method: 'cash' | 'customer_account'; amount: number }[] = [];
    if (onAccount > 0) payments.push({ method: 'customer_account', amount: onAccount });
    if (onAccount < total) payments.push({ method: 'cash', amount: total - onAccount });
    const saleId = newId();
    const override = this.rng.chance(0.7) ? { managerOverride: { managerId: await this.adminOf(t), pin: '1234' } } : {};
    const result = await t.sim.harness.call('sales.complete', {
      saleId,
      lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
      payments,
      customerId,
      ...override,
    });
    const [m] = this.world.recordNewMutations(t);
    this.count(onAccount > 0 ? 'sales.complete on account' : 'sales.complete with customer', result);
    if (!result.ok || !m) return;
    this.world.model.addSale(
      { id: saleId, store: t.plan.store, lines: lines.length, total: result.value.total },
      lines,
    );
    const charged = result.value.payments.find((p) => p.method === 'customer_account')?.amount ?? 0;
    const entries = Array.isArray(m.payload.customer_account_entries) ? m.payload.customer_account_entries : [];
    for (const entry of entries as { id: string; customer_id: string; amount: number }[])
      this.world.model.addAccountEntry(entry.id, entry.customer_id, entry.amount, m);
    if (charged > 0) this.world.model.saleCharges.set(saleId, { customerId, amount: charged });
  }

  // ---- repair orders -----------------------------------------------------------------------------------------

  private imei(): string {
    const body = Array.from({ length: 14 }, () => this.rng.int(0, 9)).join('');
    return `${body}${luhnCheckDigit(body)}`;
  }

  async repairIntake(t: WorldTerminal): Promise<void> {
    const customers = this.localCustomers(t, true);
    if (customers.length === 0) return;
    const estimate = this.rng.chance(0.4) ? this.rng.int(1, 100) * 10_000 : null;
    const withImei = this.rng.chance(0.7);
    const result = await t.sim.harness.call('repairs.intake', {
      orderId: newId(),
      customerId: this.rng.pick(customers),
      device: {
        type: 'Celular',
        brand: this.rng.pick(['Samsung', 'Motorola', 'Xiaomi', 'Apple']),
        model: `Modelo ${this.rng.int(1, 99)}`,
        imei: withImei ? this.imei() : null,
        serial: withImei ? null : `SN${this.rng.int(100_000, 999_999)}`,
      },
      accessories: this.rng.chance(0.5) ? ['funda'] : [],
      reportedFault: this.rng.pick(['no carga', 'pantalla rota', 'no enciende', 'se moja']),
      estimate,
      estimatePreApproved: estimate !== null && this.rng.chance(0.5),
      deposit: this.rng.chance(0.3) ? { amount: this.rng.int(1, 50) * 10_000, method: 'cash' } : null,
    });
    const written = this.world.recordNewMutations(t);
    this.count('repairs.intake', result);
    if (result.ok) this.absorb(written);
  }

  /**
   * A move chosen from what a screen of the store shows for the order: this terminal's copy or another bench's,
   * which may be behind or ahead of this one. The core re-checks on its own row, so a stale screen is refused.
   */
  async repairTransition(t: WorldTerminal): Promise<void> {
    // Mostly an order still open, as a bench works: picking among all orders left most of them delivered or
    // cancelled and few ever reached the counter.
    const order = this.pickOrder(t, OPEN_STATUSES);
    if (!order) return;
    const benches = this.world.terminals.filter((o) => o.plan.store === t.plan.store);
    const screen = this.rng
      .pick(benches)
      .sim.sqlite.prepare('SELECT status, estimate_pre_approved FROM repair_orders WHERE id = ?')
      .get(order.id) as { status: string; estimate_pre_approved: number } | undefined;
    const seen = screen ?? order;
    const offered = isRepairStatus(seen.status)
      ? allowedTransitions(seen.status, { estimatePreApproved: seen.estimate_pre_approved === 1 })
      : [];
    const targets = TRANSITION_TARGETS.filter((s) => offered.includes(s));
    const moves = targets.filter((s) => s !== 'cancelled');
    const to =
      moves.length > 0 && this.rng.chance(0.9)
        ? this.rng.pick(moves)
        : targets.length > 0 && this.rng.chance(0.8)
          ? this.rng.pick(targets)
          : this.rng.pick(TRANSITION_TARGETS);
    const result = await t.sim.harness.call('repairs.transition', {
      orderId: order.id,
      to,
      reason: to === 'cancelled' ? 'El cliente retiró el equipo sin reparar' : '',
    });
    this.world.recordNewMutations(t);
    this.count(
      screen && screen.status !== order.status ? 'repairs.transition (stale screen)' : 'repairs.transition',
      result,
    );
  }

  async repairDiagnose(t: WorldTerminal): Promise<void> {
    const order = this.pickOrder(t, ['diagnosing']);
    if (!order) return;
    const estimate = this.rng.chance(0.8) ? this.rng.int(1, 100) * 10_000 : null;
    const result = await t.sim.harness.call('repairs.diagnose', {
      orderId: order.id,
      diagnosis: this.rng.pick(['pin de carga', 'pantalla y táctil', 'batería agotada', 'placa mojada']),
      estimate,
      estimatePreApproved: estimate !== null && this.rng.chance(0.3),
    });
    this.world.recordNewMutations(t);
    this.count('repairs.diagnose', result);
  }

  async repairApproval(t: WorldTerminal): Promise<void> {
    const order = this.pickOrder(t, ['awaiting_approval']);
    if (!order) return;
    const result = await t.sim.harness.call('repairs.recordApproval', {
      orderId: order.id,
      decision: this.rng.chance(0.75) ? 'approved' : 'rejected',
      by: 'El cliente',
      via: this.rng.pick(['in_person', 'phone', 'whatsapp', 'email'] as const),
    });
    this.world.recordNewMutations(t);
    this.count('repairs.recordApproval', result);
  }

  async repairAddPart(t: WorldTerminal): Promise<void> {
    const order = this.pickOrder(t, ON_BENCH);
    const products = this.world.localProducts(t, true);
    if (!order || products.length === 0) return;
    const productId = this.rng.pick(products);
    const quantity = this.rng.int(1, 2);
    const result = await t.sim.harness.call('repairs.addPart', {
      orderId: order.id,
      eventId: newId(),
      productId,
      quantity,
    });
    this.world.recordNewMutations(t);
    this.count('repairs.addPart', result);
    // The part's stock movement travels ahead of the order's change as history central always accepts
    // (electron/core/sync/history-first.ts): every terminal of the store and central must count it, even when the
    // order's change from a clock far ahead is quarantined.
    if (result.ok) this.world.model.addStock(t.plan.store, productId, -quantity);
  }

  async repairAddNote(t: WorldTerminal): Promise<void> {
    const orders = this.localOrders(t);
    if (orders.length === 0) return;
    const result = await t.sim.harness.call('repairs.addNote', {
      orderId: this.rng.pick(orders).id,
      eventId: newId(),
      text: `Nota de ${this.world.label(t)}: ${this.rng.int(1, 1_000_000)}`,
    });
    this.world.recordNewMutations(t);
    this.count('repairs.addNote', result);
  }

  async repairAssign(t: WorldTerminal): Promise<void> {
    const orders = this.localOrders(t);
    if (orders.length === 0) return;
    const result = await t.sim.harness.call('repairs.assign', {
      orderId: this.rng.pick(orders).id,
      technicianId: this.rng.chance(0.8) ? await this.adminOf(t) : null,
    });
    this.world.recordNewMutations(t);
    this.count('repairs.assign', result);
  }

  /** The final price a technician sets once the work is known; without it an order with no estimate cannot go. */
  async repairSetFinalPrice(t: WorldTerminal): Promise<void> {
    const order = this.pickOrder(t, ['in_repair', 'repaired', 'ready_for_pickup']);
    if (!order) return;
    const result = await t.sim.harness.call('repairs.setFinalPrice', {
      orderId: order.id,
      finalPrice: this.rng.int(1, 200) * 10_000,
    });
    this.world.recordNewMutations(t);
    this.count('repairs.setFinalPrice', result);
  }

  /** Delivery of a ready order: the balance (asked first, as the dialog does) in cash, on account, or both. */
  async repairDeliver(t: WorldTerminal): Promise<void> {
    const order = this.pickOrder(t, ['ready_for_pickup']);
    if (!order) return;
    const balance = await t.sim.harness.call('repairs.deliveryBalance', { orderId: order.id });
    if (!balance.ok) {
      this.count('repairs.deliveryBalance', balance);
      return;
    }
    const due = balance.value.amountDue;
    const onAccount = due > 0 && this.rng.chance(0.4) ? this.rng.int(1, due) : 0;
    const payments: { method: 'cash' | 'customer_account'; amount: number }[] = [];
    if (onAccount > 0) payments.push({ method: 'customer_account', amount: onAccount });
    if (onAccount < due) payments.push({ method: 'cash', amount: due - onAccount });
    const result = await t.sim.harness.call('repairs.deliver', {
      orderId: order.id,
      saleId: newId(),
      payments,
      expectedAmountDue: due,
      managerOverride: { managerId: await this.adminOf(t), pin: '1234' },
      ...(balance.value.creditDue > 0 ? { creditDue: 'customer_account' as const } : {}),
    });
    const written = this.world.recordNewMutations(t);
    this.count(onAccount > 0 ? 'repairs.deliver on account' : 'repairs.deliver', result);
    if (result.ok) this.absorb(written);
  }
}
