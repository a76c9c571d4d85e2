import { create } from 'zustand';
import type { ProductSummary } from '../../shared/contract/catalog.contract';
import type { Customer } from '../../shared/contract/customers.contract';
import { newId } from '../../shared/ids';
import { type IvaRateBp, isIvaRate } from '../../shared/tax';

export const MAX_LINE_QUANTITY = 9_999;

export interface CartLine {
  productId: string;
  sku: string;
  description: string;
  unitPrice: number;
  ivaRateBp: IvaRateBp;
  quantity: number;
}

interface CartState {
  /**
   * The ticket's sale id, chosen when its first line is added and kept until the sale completes or is
   * cancelled: retrying after a lost response sends the same id, and the core never sells it twice.
   */
  saleId: string | null;
  lines: CartLine[];
  selectedId: string | null;
  /** The ticket's customer, optional; needed to pay on account. Cleared with the ticket. */
  customer: Customer | null;
  setCustomer: (customer: Customer | null) => void;
  addProduct: (product: ProductSummary) => void;
  setQuantity: (productId: string, quantity: number) => void;
  changeQuantity: (productId: string, delta: number) => void;
  removeLine: (productId: string) => void;
  select: (productId: string | null) => void;
  moveSelection: (delta: number) => void;
  /** New prices from the catalog (after a CONFLICT): same lines and quantities, the current prices. */
  reprice: (products: readonly Pick<ProductSummary, 'id' | 'name' | 'price' | 'ivaRateBp'>[]) => void;
  reset: () => void;
}

// The contract guarantees one of the four rates; a stray value shows as 21 % rather than breaking the ticket.
function ivaRateOf(value: number): IvaRateBp {
  return isIvaRate(value) ? value : 2100;
}

function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.trunc(quantity)));
}

export const useCartStore = create<CartState>()((set) => ({
  saleId: null,
  lines: [],
  selectedId: null,
  customer: null,

  setCustomer: (customer) => set({ customer }),

  addProduct: (product) =>
    set((state) => {
      const existing = state.lines.find((l) => l.productId === product.id);
      const lines = existing
        ? state.lines.map((l) => (l.productId === product.id ? { ...l, quantity: clampQuantity(l.quantity + 1) } : l))
        : [
            ...state.lines,
            {
              productId: product.id,
              sku: product.sku,
              description: product.name,
              unitPrice: product.price,
              ivaRateBp: ivaRateOf(product.ivaRateBp),
              quantity: 1,
            },
          ];
      return { lines, selectedId: product.id, saleId: state.saleId ?? newId() };
    }),

  setQuantity: (productId, quantity) =>
    set((state) => ({
      lines: state.lines.map((l) => (l.productId === productId ? { ...l, quantity: clampQuantity(quantity) } : l)),
    })),

  changeQuantity: (productId, delta) =>
    set((state) => ({
      lines: state.lines.map((l) =>
        l.productId === productId ? { ...l, quantity: clampQuantity(l.quantity + delta) } : l,
      ),
    })),

  removeLine: (productId) =>
    set((state) => {
      const index = state.lines.findIndex((l) => l.productId === productId);
      if (index < 0) return state;
      const lines = state.lines.filter((l) => l.productId !== productId);
      const neighbour = lines[Math.min(index, lines.length - 1)];
      return { lines, selectedId: neighbour?.productId ?? null };
    }),

  select: (productId) => set({ selectedId: productId }),

  moveSelection: (delta) =>
    set((state) => {
      if (state.lines.length === 0) return state;
      const index = state.lines.findIndex((l) => l.productId === state.selectedId);
      const from = index < 0 ? (delta > 0 ? -1 : state.lines.length) : index;
      const next = state.lines[Math.min(state.lines.length - 1, Math.max(0, from + delta))];
      return { selectedId: next?.productId ?? null };
    }),

  reprice: (products) =>
    set((state) => {
      const byId = new Map(products.map((p) => [p.id, p]));
      return {
        lines: state.lines.map((l) => {
          const p = byId.get(l.productId);
          return p ? { ...l, description: p.name, unitPrice: p.price, ivaRateBp: ivaRateOf(p.ivaRateBp) } : l;
        }),
      };
    }),

  reset: () => set({ saleId: null, lines: [], selectedId: null, customer: null }),
}));
