import type { Updateable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { CoreContext } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import {
  archiveBarcodes,
  barcodeOwners,
  findProductByCode,
  findProductById,
  findProductBySku,
  insertBarcodes,
  insertProduct,
  listProductsByName,
  liveBarcodes,
  type ProductRow,
  searchProductCandidates,
  updateProduct,
} from '../repositories/product.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { buildAuditEvent } from './audit-event';
import { rankSearchResults, toFtsPrefixQuery } from './catalog-search';
import { loadProductView, toProductSummaries, toProductSummary } from './product-view';

type CatalogHandlers = Pick<
  Handlers,
  'catalog.search' | 'catalog.findByBarcode' | 'catalog.get' | 'catalog.create' | 'catalog.update' | 'catalog.archive'
>;

/** Enough candidates to rank well, few enough that a one-letter query stays fast on 100k products. */
const SEARCH_CANDIDATES = 200;

type ProductColumns = Updateable<LocalDatabase['products']>;

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}

function newBarcodeRows(productId: string, codes: readonly string[], now: string, hlc: string) {
  return codes.map((code) => ({
    id: newId(),
    product_id: productId,
    code,
    archived: 0 as const,
    created_at: now,
    updated_at: now,
    row_version: 1,
    hlc,
    col_hlc: newRowClocks('product_barcodes', hlc),
  }));
}

export function createCatalogHandlers(ctx: CoreContext): CatalogHandlers {
  async function requireProduct(db: LocalDb, id: string): Promise<ProductRow> {
    const row = await findProductById(db, id);
    if (!row) throw new CoreError('NOT_FOUND', 'no product with that id');
    return row;
  }

  async function assertSkuFree(db: LocalDb, sku: string, exceptId: string | null): Promise<void> {
    const owner = await findProductBySku(db, sku);
    if (owner && owner.id !== exceptId)
      throw new CoreError('CONFLICT', `SKU ${sku} is already used by "${owner.name}"`);
  }

  async function assertBarcodesFree(db: LocalDb, codes: readonly string[], exceptId: string | null): Promise<void> {
    const owners = await barcodeOwners(db, codes);
    for (const [code, productId] of owners) {
      if (productId !== exceptId) throw new CoreError('CONFLICT', `barcode ${code} already belongs to another product`);
    }
  }

  /** Writes column changes (and barcode changes) of one product, with its audit event and one mutation. */
  async function applyProductChanges(
    userId: string,
    current: ProductRow,
    columns: ProductColumns,
    barcodes: readonly string[] | undefined,
    action: string,
  ) {
    const stamp = await ctx.nextHlc();
    const now = ctx.nowIso();
    // The answer is read inside the transaction that wrote the change.
    return writeTransaction(ctx.db, async (trx) => {
      const existing = barcodes ? await liveBarcodes(trx, current.id) : [];
      const removed = barcodes ? existing.filter((b) => !barcodes.includes(b.code)) : [];
      const addedCodes = barcodes ? barcodes.filter((code) => !existing.some((b) => b.code === code)) : [];
      await assertBarcodesFree(trx, addedCodes, current.id);
      const added = newBarcodeRows(current.id, addedCodes, now, stamp);
      await updateProduct(trx, current.id, { ...columns, updated_at: now, hlc: stamp });
      await archiveBarcodes(
        trx,
        removed.map((b) => b.id),
        now,
        stamp,
      );
      await insertBarcodes(trx, added);
      const audit = buildAuditEvent(ctx, {
        userId,
        action,
        entityType: 'product',
        entityId: current.id,
        details: {
          columns: Object.keys(columns),
          barcodesAdded: addedCodes,
          barcodesRemoved: removed.map((b) => b.code),
        },
        hlc: stamp,
      });
      await insertAuditEvent(trx, audit);
      await ctx.recordMutation(
        trx,
        'product.update',
        {
          // Exactly the columns this write stamped locally, updated_at included: a column stamped here but
          // missing from the payload would keep a local clock central never sees, and never converge.
          changes: [
            { table: 'products', id: current.id, columns: { ...columns, updated_at: now } },
            ...removed.map((b) => ({ table: 'product_barcodes', id: b.id, columns: { archived: 1, updated_at: now } })),
          ],
          product_barcodes: added,
          audit_events: [audit],
        },
        stamp,
      );
      return loadProductView(trx, await requireProduct(trx, current.id));
    });
  }

  return {
    async 'catalog.search'(input) {
      const ftsQuery = toFtsPrefixQuery(input.query);
      if (!ftsQuery) {
        return {
          items: await toProductSummaries(ctx.db, await listProductsByName(ctx.db, input.includeArchived, input.limit)),
        };
      }
      const candidates = await searchProductCandidates(ctx.db, ftsQuery, input.includeArchived, SEARCH_CANDIDATES);
      const ranked = rankSearchResults(input.query, candidates).slice(0, input.limit);
      return { items: await toProductSummaries(ctx.db, ranked) };
    },

    async 'catalog.findByBarcode'(input) {
      const row = await findProductByCode(ctx.db, input.code);
      if (!row || row.archived === 1) throw new CoreError('NOT_FOUND', `no product with code ${input.code}`);
      return toProductSummary(row, Number(row.on_hand));
    },

    async 'catalog.get'(input) {
      return loadProductView(ctx.db, await requireProduct(ctx.db, input.id));
    },

    async 'catalog.create'(input, call) {
      const user = requireUser(call);

      await assertSkuFree(ctx.db, input.sku, null);
      await assertBarcodesFree(ctx.db, input.barcodes, null);
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const product = {
        id: newId(),
        sku: input.sku,
        name: input.name,
        brand: input.brand,
        category: input.category,
        price: input.price,
        cost: input.cost,
        iva_rate_bp: input.ivaRateBp,
        min_stock: input.minStock,
        serial_tracked: input.serialTracked ? (1 as const) : (0 as const),
        archived: 0 as const,
        created_at: now,
        updated_at: now,
        row_version: 1,
        hlc: stamp,
        col_hlc: newRowClocks('products', stamp),
        central_version: 0,
      };
      const barcodes = newBarcodeRows(product.id, input.barcodes, now, stamp);
      const audit = buildAuditEvent(ctx, {
        userId: user.id,
        action: 'catalog.create',
        entityType: 'product',
        entityId: product.id,
        details: { sku: product.sku, price: product.price },
        hlc: stamp,
      });
      return writeTransaction(ctx.db, async (trx) => {
        // Re-checked under the write lock, where no other writer can slip in between check and insert.
        await assertSkuFree(trx, input.sku, null);
        await assertBarcodesFree(trx, input.barcodes, null);
        await insertProduct(trx, product);
        await insertBarcodes(trx, barcodes);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(
          trx,
          'product.create',
          { products: [product], product_barcodes: barcodes, audit_events: [audit] },
          stamp,
        );
        return loadProductView(trx, await requireProduct(trx, product.id));
      });
    },

    async 'catalog.update'(input, call) {
      const user = requireUser(call);
      const current = await requireProduct(ctx.db, input.id);
      const { changes } = input;
      const requested: ProductColumns = {
        sku: changes.sku,
        name: changes.name,
        brand: changes.brand,
        category: changes.category,
        price: changes.price,
        cost: changes.cost,
        iva_rate_bp: changes.ivaRateBp,
        min_stock: changes.minStock,
        serial_tracked: changes.serialTracked === undefined ? undefined : changes.serialTracked ? 1 : 0,
      };
      // Only the columns whose value really changes: per-column merging in sync must not see untouched ones.
      const columns = Object.fromEntries(
        Object.entries(requested).filter(
          ([key, value]) => value !== undefined && current[key as keyof ProductRow] !== value,
        ),
      ) satisfies ProductColumns;
      if (columns.sku !== undefined) await assertSkuFree(ctx.db, String(columns.sku), current.id);
      if (changes.barcodes !== undefined && new Set(changes.barcodes).size !== changes.barcodes.length) {
        throw new CoreError('VALIDATION', 'the same barcode appears twice', [
          { path: 'changes.barcodes', message: 'the same barcode appears twice' },
        ]);
      }
      const barcodesChanged =
        changes.barcodes !== undefined &&
        !sameCodes(
          changes.barcodes,
          (await liveBarcodes(ctx.db, current.id)).map((b) => b.code),
        );
      // Saving an unchanged form records nothing: no audit noise, no mutation for sync to carry.
      if (Object.keys(columns).length === 0 && !barcodesChanged) return loadProductView(ctx.db, current);
      return applyProductChanges(
        user.id,
        current,
        columns,
        barcodesChanged ? changes.barcodes : undefined,
        'catalog.update',
      );
    },

    async 'catalog.archive'(input, call) {
      const user = requireUser(call);
      const current = await requireProduct(ctx.db, input.id);
      return applyProductChanges(
        user.id,
        current,
        { archived: input.archived ? 1 : 0 },
        undefined,
        input.archived ? 'catalog.archive' : 'catalog.unarchive',
      );
    },
  };
}
