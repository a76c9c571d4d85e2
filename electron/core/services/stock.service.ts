import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { CoreContext } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import { findProductById } from '../repositories/product.repository';
import { insertStockMovements, stockOnHand } from '../repositories/stock.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { buildAuditEvent } from './audit-event';

export function createStockHandlers(ctx: CoreContext): Pick<Handlers, 'stock.adjust'> {
  return {
    async 'stock.adjust'(input, call) {
      const user = requireUser(call);
      const { identity } = ctx.requireTerminal();
      const product = await findProductById(ctx.db, input.productId);
      if (!product) throw new CoreError('NOT_FOUND', 'no product with that id');
      const stamp = await ctx.nextHlc();
      const movement = {
        id: newId(),
        product_id: product.id,
        store_id: identity.storeId,
        quantity: input.quantity,
        reason: input.reason,
        sale_id: null,
        note: input.note,
        user_id: user.id,
        terminal_id: identity.terminalId,
        created_at: ctx.nowIso(),
        hlc: stamp,
      };
      const audit = buildAuditEvent(ctx, {
        userId: user.id,
        action: 'stock.adjust',
        entityType: 'product',
        entityId: product.id,
        details: { quantity: input.quantity, reason: input.reason, note: input.note },
        hlc: stamp,
      });
      // The stock on hand is read inside the transaction: it is the sum this movement made.
      return writeTransaction(ctx.db, async (trx) => {
        await insertStockMovements(trx, [movement]);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(trx, 'stock.adjust', { stock_movements: [movement], audit_events: [audit] }, stamp);
        const onHand = await stockOnHand(trx, [product.id]);
        return { productId: product.id, stockOnHand: onHand.get(product.id) ?? 0 };
      });
    },
  };
}
