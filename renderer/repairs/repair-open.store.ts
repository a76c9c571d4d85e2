import { create } from 'zustand';

/**
 * A request to open a repair order by its number, from anywhere (the POS scan field reading a label's QR): the app
 * shell switches to the Taller screen and the screen opens the order. `seq` makes the same number scanned twice
 * a new request.
 */
export interface RepairOpenRequest {
  number: string;
  seq: number;
}

interface RepairOpenState {
  request: RepairOpenRequest | null;
  open: (number: string) => void;
  consume: (seq: number) => void;
}

export const useRepairOpenStore = create<RepairOpenState>()((set) => ({
  request: null,
  open: (number) => set((s) => ({ request: { number, seq: (s.request?.seq ?? 0) + 1 } })),
  consume: (seq) => set((s) => (s.request?.seq === seq ? { request: null } : s)),
}));
