import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Result } from '../../shared/errors';
import type { HostProcess } from './host-process';

/**
 * The browser-mode HTTP API as the renderer uses it (`POST /api/<channel>`, bearer host token, `{session, input}`),
 * for the parts of an end-to-end test that a user would not do through the screen (seeding, checking stock).
 */
export class HostApi {
  session: string | null = null;

  constructor(private readonly host: Pick<HostProcess, 'origin' | 'token'>) {}

  async call<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    const response = await fetch(new URL(`api/${channel}`, this.host.origin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.host.token}` },
      body: JSON.stringify({ session: this.session, input }),
    });
    // The body is a Result whatever the status; the type comes from the contract, the test checks `ok`.
    return (await response.json()) as Result<ResponseOf<C>>;
  }

  /** Calls and expects success; a failure throws with its code and issues so the test says why. */
  async ok<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>> {
    const result = await this.call(channel, input);
    if (!result.ok) {
      throw new Error(`${channel} failed: ${result.code} ${result.message} ${JSON.stringify(result.issues ?? [])}`);
    }
    return result.value;
  }

  /** Logs in as the named user (ids come from the login list, as on the PIN pad) and keeps the session. */
  async loginAs(userName: string, pin: string): Promise<void> {
    const { users } = await this.ok('users.listForLogin', {});
    const user = users.find((u) => u.name === userName);
    if (!user) throw new Error(`no user named ${userName} among ${JSON.stringify(users.map((u) => u.name))}`);
    this.session = null;
    this.session = (await this.ok('users.login', { userId: user.id, pin })).token;
  }

  /** Creates a product and receives `quantity` of it into stock, as a manager would; resolves with its id. */
  async createStocked(product: RequestOf<'catalog.create'>, quantity: number): Promise<string> {
    const { id } = await this.ok('catalog.create', product);
    await this.ok('stock.adjust', { productId: id, quantity, reason: 'receipt' });
    return id;
  }
}

/** A cheap accessory with no barcode, for tests that need something to sell and do not care what. */
export const USB_C_CABLE = {
  sku: 'CAB-USB-C-1M',
  name: 'Cable USB-C 1 m',
  brand: 'Genérico',
  category: 'Accesorios',
  price: 1_250_000,
  cost: 600_000,
  ivaRateBp: 2100,
  minStock: 1,
  serialTracked: false,
  barcodes: [],
} satisfies RequestOf<'catalog.create'>;
