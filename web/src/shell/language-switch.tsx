import { Select } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_LABELS, setLanguage, currentLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation(); // re-render on language change
  return (
    <Select<Language>
      aria-label={t('shell.language')}
      data-testid="language-switch"
      size="small"
      variant="borderless"
      prefix={<GlobalOutlined />}
      value={currentLanguage()}
      onChange={setLanguage}
      options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }))}
      popupMatchSelectWidth={false}
    />
  );
}
