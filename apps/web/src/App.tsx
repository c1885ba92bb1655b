import { App as AntApp, ConfigProvider } from 'antd';
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
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <AccountLanguage />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
