import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { I18nProvider, useI18n } from './i18n';
import { LiveProvider } from './live';
import { SessionProvider, useSession } from './session';
import { Shell } from './Shell';
import { PAGES, homeOf } from './pages';
import { LoginCallbackPage } from '../pages/LoginCallbackPage';
import { LoginPage } from '../pages/LoginPage';

const THEME = {
  token: {
    motion: true,
    // Chinese-first type: the system's CJK faces before Latin ones.
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    colorPrimary: '#1d4ed8',
    borderRadius: 6,
  },
};

/** After logging in: the page asked for before (a deep link), else the person's first page. */
function AfterLogin({ home }: { home: string }) {
  const [params] = useSearchParams();
  const next = params.get('next');
  return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : home} replace />;
}

function Routed() {
  const { caller, restoring, may } = useSession();
  const location = useLocation();
  if (restoring) return <Spin fullscreen />;
  if (!caller) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/callback" element={<LoginCallbackPage />} />
        <Route path="*" element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />} />
      </Routes>
    );
  }
  const visible = PAGES.filter((page) => page.allowed(may));
  return (
    <LiveProvider>
      <Shell pages={visible}>
        <Routes>
          {visible.map((page) => (
            <Route key={page.path} path={page.path} element={page.element} />
          ))}
          <Route path="/login" element={<AfterLogin home={homeOf(visible)} />} />
          <Route path="/login/callback" element={<LoginCallbackPage />} />
          <Route path="*" element={<Navigate to={homeOf(visible)} replace />} />
        </Routes>
      </Shell>
    </LiveProvider>
  );
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * Whether the person asked their system for less motion (WCAG 2.3.3): then no animation at all — a
 * button's loading spinner goes at once instead of fading out (while it fades, screen readers still
 * name the button "loading").
 */
function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(REDUCED_MOTION).matches === true);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return undefined;
    const changed = () => setReduced(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return reduced;
}

function Localised() {
  const { locale } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={reducedMotion ? { token: { ...THEME.token, motion: false } } : THEME}>
      <AntApp>
        <SessionProvider>
          <Routed />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
