import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { Result } from '../bridge/techstore-bridge';

/**
 * One bench action on the open order: the detail runs it, shows the order as the core answered or the failure,
 * and resolves true when it succeeded (so a form can clear itself).
 */
export type RunRepairAction = (action: () => Promise<Result<RepairDetail>>) => Promise<boolean>;
