import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../../renderer/i18n/error-message';
import { translate } from '../../../../renderer/i18n/i18n';
import type { Locale } from '../../../../renderer/i18n/locale.store';
import type { Failure } from '../../../../shared/errors';

type Refusal = Pick<Failure, 'code' | 'issues'>;

const say = (locale: Locale, failure: Refusal) =>
  errorMessage((key, params) => translate(locale, key, params), failure);

describe('errorMessage', () => {
  it('says an amount was refused for its size, in Spanish and English', () => {
    const amount: Refusal = { code: 'VALIDATION', issues: [{ path: 'amount', message: 'amount_limit 1000000000000' }] };
    expect(say('es-AR', amount)).toMatch(/supera el máximo que admite el sistema/);
    expect(say('es-AR', amount)).toMatch(/no se guardó nada/);
    expect(say('en', amount)).toMatch(/over the largest the system accepts/);
  });

  it('says a total (a balance, a ticket, a repair) would pass the bound', () => {
    const total: Refusal = {
      code: 'VALIDATION',
      issues: [
        { path: 'reference', message: 'a card payment needs its reference' },
        { path: 'amount', message: 'total_limit 10000000000000' },
      ],
    };
    expect(say('es-AR', total)).toMatch(/saldo de la cuenta.*superaría el máximo/);
    expect(say('en', total)).toMatch(/would pass the largest/);
  });

  it('says an operation answered COMMITTED was saved and must not be repeated', () => {
    const saved: Refusal = { code: 'COMMITTED' };
    expect(say('es-AR', saved)).toMatch(/SÍ se guardó.*No la repitas/);
    expect(say('en', saved)).toMatch(/WAS saved.*Do not repeat it/);
    expect(say('es-AR', saved)).not.toMatch(/Probá de nuevo/);
  });

  it('keeps the plain message for other refusals', () => {
    const plain: Refusal = { code: 'VALIDATION', issues: [{ path: 'amount', message: 'Too small' }] };
    expect(say('es-AR', plain)).toBe('Revisá los datos ingresados.');
  });
});
