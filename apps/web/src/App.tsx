import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useRef } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { useMe } from './api/hooks/session';
import { useLang } from './components/LocalizedText';
import { applyLang } from './i18n';
import { routes } from './routes';

const router = createBrowserRouter(routes);

/**
 * Ant Design's look with colours dark enough for WCAG AA text contrast (4.5:1): the default blue,
 * green, gold and grey text fall short on white and on their own tag backgrounds.
 */
const THEME = {
  colorPrimary: '#0958d9',
  colorInfo: '#0958d9',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#ad4e00',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffd591',
  colorError: '#cf1322',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorLink: '#0958d9',
  // antd's placeholder grey (#bfbfbf) is 1.8:1 on white
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  borderRadius: 6,
};

/**
 * zeroRuntime: antd's styles come from its prebuilt stylesheet (imported in main.tsx) instead of
 * being generated in the page on the first render of each component, which was the largest
 * share of a cold page's main-thread time (bench/README.md, 6. Web). The theme above still
 * applies: the stylesheet reads its colours from CSS variables that ConfigProvider sets.
 */
/** Takes the account's language once per signed-in person (the switch then changes both). */
function AccountLanguage() {
  const { data: me } = useMe();
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (me && applied.current !== me.id) {
      applied.current = me.id;
      applyLang(me.locale);
    }
    if (me === null) applied.current = null;
  }, [me]);
  return null;
}

export function App() {
  const lang = useLang();
  // outside ConfigProvider: a change of its locale re-creates what is below it
  return (
    <>
      <AccountLanguage />
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: THEME, zeroRuntime: true }} button={{ autoInsertSpace: false }}>
        <RouterProvider router={router} />
      </ConfigProvider>
    </>
  );
}
