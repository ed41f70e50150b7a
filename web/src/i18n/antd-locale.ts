import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Language } from './index';

// AntD date pickers render month and weekday names through dayjs, so its locale follows too.
export function antdLocale(lng: Language): Locale {
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
  return lng === 'zh-CN' ? zhCN : enUS;
}
