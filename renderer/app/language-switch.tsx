import { useT } from '../i18n/i18n';
import { LOCALES, useLocaleStore } from '../i18n/locale.store';

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <fieldset className="language-switch" data-testid="language-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          className={option === locale ? 'lang-button lang-button-active' : 'lang-button'}
          aria-pressed={option === locale}
          title={t(`lang.${option}.long`)}
          onClick={() => setLocale(option)}
          data-testid={`language-${option}`}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
