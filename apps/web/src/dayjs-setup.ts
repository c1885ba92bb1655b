/**
 * dayjs as antd's date pickers use it: zh-cn locale, utc and time-zone plugins, its locale
 * following the app's language. Imported by the pages with pickers or zone arithmetic, so a
 * page without them (the inbox) does not load dayjs.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

const follow = (lng: string | undefined) => dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
follow(i18n.language);
i18n.on('languageChanged', follow);

export default dayjs;
